package org.spinefusion.careplan.service.security;

import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The SMART {@code patient} launch-context claim, when a token carries one, must be a FHIR id. A blank, non-string or
 * malformed claim is a broken authorization server or a forged context; treating it as absent would widen a
 * patient's token to user or system reach, so the token is refused instead.
 */
final class PatientClaim {

    static final String NAME = "patient";
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private PatientClaim() {}

    static OAuth2TokenValidator<Jwt> validator() {
        return jwt -> {
            if (!jwt.hasClaim(NAME)) {
                return OAuth2TokenValidatorResult.success();
            }
            Object claim = jwt.getClaims().get(NAME);
            return claim instanceof String id && FHIR_ID.matcher(id).matches()
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "The patient claim is not a FHIR id", null));
        };
    }
}
