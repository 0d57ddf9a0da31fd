package org.spinefusion.careplan.service.security;

/** How deeply a JSON text nests, found by a byte scan that never builds the document. */
final class JsonShape {

    private JsonShape() {}

    /** True when objects and arrays nest deeper than {@code limit}; stops scanning at the first level too deep. */
    static boolean nestsDeeperThan(byte[] json, int limit) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte next : json) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (next == '\\') {
                    escaped = true;
                } else if (next == '"') {
                    inString = false;
                }
                continue;
            }
            switch (next) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > limit) {
                        return true;
                    }
                }
                case '}', ']' -> depth--;
                default -> {}
            }
        }
        return false;
    }

    /** True when some JSON string (key or value) is longer than {@code limit} bytes. */
    static boolean hasStringLongerThan(byte[] json, int limit) {
        boolean inString = false;
        boolean escaped = false;
        int length = 0;
        for (byte next : json) {
            if (!inString) {
                if (next == '"') {
                    inString = true;
                    length = 0;
                }
                continue;
            }
            if (escaped) {
                escaped = false;
            } else if (next == '\\') {
                escaped = true;
            } else if (next == '"') {
                inString = false;
                continue;
            }
            if (++length > limit) {
                return true;
            }
        }
        return false;
    }
}
