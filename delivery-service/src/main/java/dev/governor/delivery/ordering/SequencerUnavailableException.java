package dev.governor.delivery.ordering;

/** Redis could not say whose turn it is, so nothing may be written until it can. */
public class SequencerUnavailableException extends RuntimeException {

    public SequencerUnavailableException(Throwable cause) {
        super("The write sequencer (Redis) is unavailable: " + cause.getMessage(), cause);
    }
}
