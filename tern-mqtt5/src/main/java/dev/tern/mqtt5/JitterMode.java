package dev.tern.mqtt5;

/**
 * How the reconnect delay is randomised, so that many clients that lost the same broker do not all
 * come back at the same instant. See "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015).
 */
public enum JitterMode {
    /** No randomness: min(max, min * 2^attempt). Only for tests and single clients. */
    NONE,
    /** Uniform in [0, min(max, min * 2^attempt)]. Spreads retries best; the default. */
    FULL,
    /** Uniform in [min, min(max, previous * 3)]: each delay grows from the last one drawn. */
    DECORRELATED
}
