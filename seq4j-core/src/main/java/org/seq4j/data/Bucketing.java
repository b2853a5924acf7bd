package org.seq4j.data;

/** Whether {@link SequenceBatcher} groups sequences of similar length into the same batch. */
public enum Bucketing {
    /**
     * Sort by length (random tie-break), cut into batches, shuffle the batch order: little padding, so the
     * recurrent layers compute few wasted steps. The default.
     */
    BY_LENGTH,
    /** Plain shuffle then cut (Keras' {@code fit(shuffle=True)} on padded data, the notebook's behaviour). */
    NONE
}
