package org.networktool.layout;

/** One difference between two layouts, displayed Terraform-style: {@code + - ~}. */
public record Change(Action action, String subject, String before, String after) {

    public enum Action {
        ADD("+"), REMOVE("-"), UPDATE("~");

        private final String symbol;

        Action(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public String line() {
        return switch (action) {
            case ADD -> "+ " + subject + (after == null ? "" : " (" + after + ")");
            case REMOVE -> "- " + subject + (before == null ? "" : " (" + before + ")");
            case UPDATE -> "~ " + subject + ": " + before + " → " + after;
        };
    }
}
