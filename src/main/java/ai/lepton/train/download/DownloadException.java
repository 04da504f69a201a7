package ai.lepton.train.download;

import ai.lepton.base.LeptonException;

/**
 * A download that was refused or did not complete; the message names the URL, what went wrong and what to do, and no
 * part of the file is left behind.
 */
public class DownloadException extends LeptonException {

    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
