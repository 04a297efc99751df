package org.networktool.planners.sim;

/** A command the simulated host refuses, as the real host would (non-zero exit). */
public class SimulationException extends RuntimeException {
    public SimulationException(String message) {
        super(message);
    }
}
