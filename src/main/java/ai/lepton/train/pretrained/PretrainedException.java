package ai.lepton.train.pretrained;

import ai.lepton.base.LeptonException;

/** A pretrained model that cannot be found or read as given; the message says where Lepton looked and what to do. */
public class PretrainedException extends LeptonException {

    public PretrainedException(String message) {
        super(message);
    }

    public PretrainedException(String message, Throwable cause) {
        super(message, cause);
    }
}
