package org.spinefusion.careplan.service.storage;

/** One stored version of a resource, written {@code Type/id/_history/version}. */
public record VersionRef(String type, String id, int version) {

    private static final String HISTORY = "/_history/";

    public static VersionRef parse(String text) {
        int history = text.indexOf(HISTORY);
        int slash = text.indexOf('/');
        if (history < 0 || slash <= 0 || slash >= history) {
            throw new IllegalArgumentException("not a version reference: " + text);
        }
        return new VersionRef(
                text.substring(0, slash),
                text.substring(slash + 1, history),
                Integer.parseInt(text.substring(history + HISTORY.length())));
    }

    @Override
    public String toString() {
        return type + "/" + id + HISTORY + version;
    }
}
