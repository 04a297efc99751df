package org.networktool.planners;

/** Why a target cannot be planned: the field or object concerned and an actionable message. */
public record PlanError(String subject, String message) {

    public String line() {
        return subject + ": " + message;
    }
}
