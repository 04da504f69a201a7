package ai.lepton.slurm;

import ai.lepton.base.LeptonException;

/** Slurm could not be asked (its commands are missing, the controller does not answer) or refused a request. */
public final class SlurmException extends LeptonException {

    public SlurmException(String message) {
        super(message);
    }

    public SlurmException(String message, Throwable cause) {
        super(message, cause);
    }
}
