package org.spinefusion.careplan.service.storage;

import java.time.Instant;
import java.util.List;

/**
 * A search over the current versions of one resource type: all criteria must hold (AND); the values inside one
 * criterion are alternatives (OR). Results are ordered by last update, then id.
 */
public record SearchQuery(String type, List<Criterion> criteria, boolean newestFirst, int limit) {

    public SearchQuery {
        criteria = List.copyOf(criteria);
    }

    /** The searchable columns. */
    public enum Field {
        ID,
        SUBJECT,
        STATUS,
        URL,
        VERSION,
        CATEGORY,
        IDENTIFIER,
        REFERENCE,
        DATE,
        LAST_UPDATED
    }

    /** FHIR date search prefixes, compared against the stored range. */
    public enum Comparison {
        EQ,
        NE,
        GT,
        GE,
        LT,
        LE,
        SA,
        EB
    }

    public sealed interface Criterion permits AnyOf, AnyToken, InRange {}

    /** A single-valued column (id, subject, status, url, version) equals one of the values. */
    public record AnyOf(Field field, List<String> values) implements Criterion {
        public AnyOf {
            values = List.copyOf(values);
        }
    }

    /**
     * A token column (category, identifier, reference) holds one of the tokens ({@code system|value} or
     * {@code |value}), or a token of one of the systems ({@code system|} alone).
     */
    public record AnyToken(Field field, List<String> tokens, List<String> systems) implements Criterion {
        public AnyToken {
            tokens = List.copyOf(tokens);
            systems = List.copyOf(systems);
        }
    }

    /** The date (or last update) compared with the range [low, high) of the search value. */
    public record InRange(Field field, Comparison comparison, Instant low, Instant high) implements Criterion {}
}
