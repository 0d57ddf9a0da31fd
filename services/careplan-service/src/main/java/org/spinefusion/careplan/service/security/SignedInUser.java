package org.spinefusion.careplan.service.security;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The person the current request's access token speaks for, as its {@code fhirUser} claim names them (SMART's
 * {@code fhirUser} scope; Keycloak's realm and the local-dev server put it into access tokens). Features use it where
 * the record must say who acted, instead of trusting a name in the request body. Empty for system tokens.
 */
public final class SignedInUser {

    /** A relative reference to a person: what SMART allows fhirUser to be, minus absolute URLs we cannot resolve. */
    private static final Pattern PERSON =
            Pattern.compile("(Practitioner|PractitionerRole|Patient|RelatedPerson|Person)/[A-Za-z0-9\\-.]{1,64}");

    private SignedInUser() {}

    public static Optional<String> fhirUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token
                && token.getToken().getClaims().get("fhirUser") instanceof String fhirUser) {
            String relative = fhirUser.replaceFirst("^https?://[^ ]*/(?=[A-Z][A-Za-z]+/[^/]+$)", "");
            return PERSON.matcher(relative).matches() ? Optional.of(relative) : Optional.empty();
        }
        return Optional.empty();
    }
}
