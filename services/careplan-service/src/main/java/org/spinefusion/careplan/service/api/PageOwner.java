package org.spinefusion.careplan.service.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a search snapshot belongs to: a digest of the access token's subject, client, patient context and scopes. Not
 * the token itself, so an app that refreshes its token mid-way keeps paging; a different user, client, patient or
 * grant does not see the pages (or the total) of someone else's search.
 */
final class PageOwner {

    private PageOwner() {}

    static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return "";
        }
        var jwt = token.getToken();
        String who = String.join(
                "\n",
                Objects.toString(jwt.getSubject(), ""),
                Objects.toString(jwt.getClaimAsString("client_id"), Objects.toString(jwt.getClaimAsString("azp"), "")),
                Objects.toString(jwt.getClaimAsString("patient"), ""),
                Objects.toString(jwt.getClaimAsString("scope"), ""));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(who.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
