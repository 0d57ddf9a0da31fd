package org.spinefusion.careplan.service.delivery.endpoints;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How to reach one EHR endpoint and what goes there.
 *
 * @param auth {@code none} (sandboxes) or {@code smart-backend} (SMART Backend Services, private_key_jwt)
 * @param signingAlgorithm {@code RS384} or {@code ES384}, for the client assertion
 * @param patients patient references routed here ({@code Patient/123}); with no organizations either, all patients
 * @param organizations organization references routed here; a resource naming one of them goes here
 * @param ratePerSecond the most requests per second this replica sends there; null for no limit
 * @param patientIdentity how our subject is found at the EHR: {@code same-id} (the EHR's Patient has our id) or
 *     {@code identifier:<system>} (the EHR's Patient carries our id as an identifier of that system, an MRN)
 */
public record EndpointSettings(
        String id,
        String baseUrl,
        String auth,
        String clientId,
        String signingAlgorithm,
        String scope,
        List<String> patients,
        List<String> organizations,
        Double ratePerSecond,
        String patientIdentity) {

    static final String NONE = "none";
    public static final String SMART_BACKEND = "smart-backend";
    static final String SAME_ID = "same-id";
    static final String IDENTIFIER = "identifier:";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9.\\-]{1,64}");

    public EndpointSettings {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an endpoint id is 1 to 64 letters, digits, '-' or '.'");
        }
        if (baseUrl == null || !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://"))) {
            throw new IllegalArgumentException("an endpoint needs an http(s) base URL");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        auth = auth == null || auth.isBlank() ? NONE : auth;
        if (!auth.equals(NONE) && !auth.equals(SMART_BACKEND)) {
            throw new IllegalArgumentException("auth is 'none' or 'smart-backend'");
        }
        if (auth.equals(SMART_BACKEND) && (clientId == null || clientId.isBlank())) {
            throw new IllegalArgumentException("smart-backend needs a client id");
        }
        signingAlgorithm = signingAlgorithm == null || signingAlgorithm.isBlank() ? "RS384" : signingAlgorithm;
        if (!signingAlgorithm.equals("RS384") && !signingAlgorithm.equals("ES384")) {
            throw new IllegalArgumentException("the signing algorithm is RS384 or ES384");
        }
        scope = scope == null || scope.isBlank() ? "system/*.cruds" : scope;
        patients = patients == null ? List.of() : List.copyOf(patients);
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
        patientIdentity = patientIdentity == null || patientIdentity.isBlank() ? SAME_ID : patientIdentity;
        if (!patientIdentity.equals(SAME_ID)
                && !(patientIdentity.startsWith(IDENTIFIER) && patientIdentity.length() > IDENTIFIER.length())) {
            throw new IllegalArgumentException("patient-identity is 'same-id' or 'identifier:<system>'");
        }
        if (ratePerSecond != null && ratePerSecond <= 0) {
            throw new IllegalArgumentException("the rate limit must be positive");
        }
    }

    /** The identifier system the EHR's Patients are found by, or null when they have our ids. */
    public String patientIdentifierSystem() {
        return patientIdentity.startsWith(IDENTIFIER) ? patientIdentity.substring(IDENTIFIER.length()) : null;
    }
}
