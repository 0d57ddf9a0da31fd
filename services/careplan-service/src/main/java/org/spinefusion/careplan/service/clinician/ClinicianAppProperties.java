package org.spinefusion.careplan.service.clinician;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param frameAncestors the EHR origins that may show the app in a frame ({@code https://ehr.example.org}, with a port
 *     where needed); empty: only the service's own origin. Checked at start-up, since each one goes into a response
 *     header as it is written.
 */
@ConfigurationProperties("careplan.clinician-app")
record ClinicianAppProperties(List<String> frameAncestors) {

    /** A scheme, a host (a leading {@code *.} allowed, as CSP allows it) and an optional port, nothing more. */
    private static final Pattern ORIGIN =
            Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:([0-9]{1,5}|\\*))?");

    ClinicianAppProperties {
        frameAncestors = frameAncestors == null
                ? List.of()
                : frameAncestors.stream()
                        .map(String::trim)
                        .filter(origin -> !origin.isEmpty())
                        .toList();
        for (String origin : frameAncestors) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("careplan.clinician-app.frame-ancestors: \"" + origin
                        + "\" is not an origin such as https://ehr.example.org");
            }
        }
    }

    /** The CSP directive: the service itself, and the configured EHRs. */
    String frameAncestorsDirective() {
        StringBuilder directive = new StringBuilder("frame-ancestors 'self'");
        frameAncestors.forEach(origin -> directive.append(' ').append(origin));
        return directive.toString();
    }
}
