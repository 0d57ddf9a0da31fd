package org.spinefusion.careplan.service.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART resource scope in v2 form: {@code patient/CarePlan.rs}, {@code user/*.cruds},
 * {@code patient/Observation.rs?category=http://...|laboratory}. v1 suffixes are translated as the IG says:
 * {@code read} = {@code rs}, {@code write} = {@code cud}, {@code *} = {@code cruds}.
 *
 * @param level patient, user or system
 * @param resourceType a resource type, or {@code *}
 * @param interactions the letters granted, a subset of {@code cruds}
 * @param categories granular {@code category} restriction (any of these tokens); empty: the whole type
 */
record SmartScope(String level, String resourceType, String interactions, List<String> categories) {

    private static final Pattern SCOPE =
            Pattern.compile("(patient|user|system)/([A-Za-z]+|\\*)\\.([a-z*]+)(\\?([^\\s]+))?");
    private static final Pattern V2_LETTERS = Pattern.compile("c?r?u?d?s?");

    boolean covers(String type, char interaction) {
        return ("*".equals(resourceType) || resourceType.equals(type)) && interactions.indexOf(interaction) >= 0;
    }

    boolean granular() {
        return !categories.isEmpty();
    }

    boolean patientLevel() {
        return "patient".equals(level);
    }

    /**
     * The scope, or empty for anything that is not a resource scope or is malformed: out-of-order letters, unknown
     * letters and query parameters other than {@code category} grant nothing (the IG lets servers ignore them).
     */
    static Optional<SmartScope> parse(String scope) {
        Matcher match = SCOPE.matcher(scope);
        if (!match.matches()) {
            return Optional.empty();
        }
        String letters =
                switch (match.group(3)) {
                    case "read" -> "rs";
                    case "write" -> "cud";
                    case "*" -> "cruds";
                    default -> match.group(3);
                };
        if (letters.isEmpty() || !V2_LETTERS.matcher(letters).matches()) {
            return Optional.empty();
        }
        List<String> categories = new ArrayList<>();
        if (match.group(5) != null) {
            for (String pair : match.group(5).split("&")) {
                String[] nameValue = pair.split("=", 2);
                if (nameValue.length != 2 || !"category".equals(nameValue[0]) || nameValue[1].isBlank()) {
                    return Optional.empty();
                }
                for (String token : nameValue[1].split(",")) {
                    categories.add(URLDecoder.decode(token, StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.of(new SmartScope(match.group(1), match.group(2), letters, List.copyOf(categories)));
    }
}
