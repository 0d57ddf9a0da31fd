package org.spinefusion.careplan.service.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * Content negotiation for a server that answers in FHIR JSON only: an {@code Accept} header that admits JSON (or
 * anything) is answered in JSON, whatever it prefers; one that admits nothing we write is a 406.
 */
final class JsonResponses {

    private static final Set<String> JSON = Set.of(
            "json", "application/json", "application/fhir+json", "application/json+fhir", "*/*", "application/*");

    private JsonResponses() {}

    static boolean isJson(String format) {
        String type = format.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return JSON.contains(type) && !type.contains("*");
    }

    static boolean acceptsJson(String accept) {
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                refused |= parts[i].trim().replace(" ", "").matches("q=0(\\.0*)?");
            }
            if (JSON.contains(type) && !refused) {
                return true;
            }
        }
        return false;
    }

    /** The request with {@code Accept: application/fhir+json}, so HAPI picks JSON even where XML was preferred. */
    static HttpServletRequest askingForJson(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return "accept".equalsIgnoreCase(name) ? "application/fhir+json" : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "accept".equalsIgnoreCase(name)
                        ? Collections.enumeration(java.util.List.of("application/fhir+json"))
                        : super.getHeaders(name);
            }
        };
    }
}
