package org.spinefusion.careplan.service.support;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A response's headers as two answers for the same resource should agree on them, names in lower case. */
public final class ComparableHeaders {

    /**
     * Headers that differ between any two responses, and the framing: a body written at once goes out with its
     * Content-Length, one that HAPI streams goes out chunked.
     */
    private static final Set<String> PER_RESPONSE =
            Set.of("date", "x-request-id", "content-length", "transfer-encoding");

    private ComparableHeaders() {}

    public static Map<String, List<String>> of(HttpHeaders headers) {
        Map<String, List<String>> kept = new TreeMap<>();
        headers.map().forEach((name, values) -> {
            if (!PER_RESPONSE.contains(name.toLowerCase())) {
                kept.put(name.toLowerCase(), values);
            }
        });
        return kept;
    }
}
