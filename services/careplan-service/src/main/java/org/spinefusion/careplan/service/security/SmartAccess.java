package org.spinefusion.careplan.service.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What one validated access token allows: its resource scopes, the patient in context (if any) and whether it may
 * administer the service. A token with a {@code patient} claim is confined to that patient's compartment whatever
 * the level of its scopes; {@code patient/} scopes without a patient claim grant nothing.
 *
 * @param who the token's subject, for the audit trail
 * @param client the token's client ({@code client_id}, {@code azp} or {@code cid})
 */
record SmartAccess(String who, String client, List<SmartScope> scopes, Optional<String> patient, boolean admin) {

    /** Administration of the service: EHR endpoints, deliveries, dead letters, and operations not otherwise listed. */
    static final String ADMIN_SCOPE = "system/careplan.admin";

    static Optional<SmartAccess> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(of(token.getToken()));
        }
        return Optional.empty();
    }

    static SmartAccess of(Jwt jwt) {
        Set<String> granted = scopeStrings(jwt);
        Optional<String> patient =
                Optional.ofNullable(jwt.getClaimAsString("patient")).filter(p -> !p.isBlank());
        List<SmartScope> scopes = granted.stream()
                .map(SmartScope::parse)
                .flatMap(Optional::stream)
                .filter(scope -> !scope.patientLevel() || patient.isPresent())
                .toList();
        return new SmartAccess(
                jwt.getSubject(), client(jwt), scopes, patient, granted.contains(ADMIN_SCOPE) && patient.isEmpty());
    }

    /** The scopes that allow this interaction on this type; empty means refused. */
    List<SmartScope> grantsFor(String type, char interaction) {
        return scopes.stream().filter(s -> s.covers(type, interaction)).toList();
    }

    boolean allows(String type, char interaction) {
        return !grantsFor(type, interaction).isEmpty();
    }

    /**
     * The category tokens a request is confined to, or empty when some granting scope covers the whole type.
     * Only meaningful when {@link #allows} holds.
     */
    Optional<List<String>> categoryLimit(String type, char interaction) {
        List<SmartScope> grants = grantsFor(type, interaction);
        if (grants.isEmpty() || grants.stream().anyMatch(s -> !s.granular())) {
            return Optional.empty();
        }
        List<String> categories = new ArrayList<>();
        grants.forEach(s -> categories.addAll(s.categories()));
        return Optional.of(List.copyOf(categories));
    }

    boolean inPatientContext() {
        return patient.isPresent();
    }

    private static Set<String> scopeStrings(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope == null) {
            scope = jwt.getClaims().get("scp");
        }
        if (scope instanceof String text) {
            return Arrays.stream(text.trim().split("\\s+")).collect(Collectors.toSet());
        }
        if (scope instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return Set.of();
    }

    private static String client(Jwt jwt) {
        for (String claim : List.of("client_id", "azp", "cid")) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
