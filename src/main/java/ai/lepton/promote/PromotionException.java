package ai.lepton.promote;

import ai.lepton.base.LeptonException;

/** A promotion that was refused or failed: what, why, and what to do. Nothing was registered. */
public class PromotionException extends LeptonException {

    public PromotionException(String message) {
        super(message);
    }

    public PromotionException(String message, Throwable cause) {
        super(message, cause);
    }
}
