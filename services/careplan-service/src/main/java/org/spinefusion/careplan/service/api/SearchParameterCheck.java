package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.PreferHandlingEnum;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.method.SearchMethodBinding;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Searches take only what their provider declares. An unknown or unsupported parameter (including {@code _tag},
 * {@code _has}, {@code _filter} and the like, which HAPI would otherwise ignore) is a 400 under strict handling, the
 * default (a misspelt {@code subjet=} must not widen a search to every patient), and under
 * {@code Prefer: handling=lenient} is dropped before the search runs, so the self link shows what was applied. Bad values of the result parameters and unsupported modifiers are a 400
 * either way. Messages name a parameter only when its name is plainly a parameter name.
 */
@Component
@Interceptor
class SearchParameterCheck {

    /** Result parameters HAPI applies to every search. */
    private static final Set<String> RESULT_PARAMETERS =
            Set.of("_count", "_format", "_pretty", "_summary", "_elements");

    private static final Set<String> SUMMARY_VALUES = Set.of("true", "false", "text", "data", "count");

    private final AtomicReference<ProviderDeclarations> declarations = new AtomicReference<>();

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public void check(RequestDetails request) {
        if (request.getResourceName() == null || !SearchMethodBinding.isPlainSearchRequest(request)) {
            return;
        }
        RestfulServer server = (RestfulServer) request.getServer();
        ProviderDeclarations.Declared declared = declarations(server).of(request.getResourceName());
        if (declared == null) {
            return;
        }
        boolean strict = handling(request, server) == PreferHandlingEnum.STRICT;
        RuntimeResourceDefinition definition =
                request.getFhirContext().getResourceDefinition(request.getResourceName());
        Map<String, String[]> kept = new HashMap<>();
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey();
            String base = name.split("[:.]", 2)[0];
            if (!supported(base, declared)) {
                if (strict) {
                    throw new InvalidRequestException(
                            "Unknown or unsupported search parameter " + quoted(base) + " for this resource type");
                }
                continue;
            }
            checkModifier(name, base, definition);
            checkValues(base, parameter.getValue());
            kept.put(name, parameter.getValue());
        }
        if (kept.size() != request.getParameters().size()) {
            request.setParameters(kept);
        }
    }

    private static boolean supported(String base, ProviderDeclarations.Declared declared) {
        return RESULT_PARAMETERS.contains(base)
                || declared.searchParameters().contains(base)
                || (base.equals(Constants.PARAM_INCLUDE) && !declared.includes().isEmpty())
                || (base.equals(Constants.PARAM_REVINCLUDE)
                        && !declared.revIncludes().isEmpty())
                || (base.equals(Constants.PARAM_SORT) && declared.sortable());
    }

    /** The only modifier searches here understand is a reference's target type, as in {@code subject:Patient}. */
    private static void checkModifier(String name, String base, RuntimeResourceDefinition definition) {
        int colon = name.indexOf(':');
        if (colon < 0) {
            return;
        }
        String modifier = name.substring(colon + 1).split("\\.", 2)[0];
        RuntimeSearchParam param = definition.getSearchParam(base);
        boolean referenceType = param != null
                && param.getParamType() == RestSearchParameterTypeEnum.REFERENCE
                && param.getTargets().contains(modifier);
        if (!referenceType) {
            throw new InvalidRequestException("The modifier " + quoted(":" + modifier) + " is not supported on "
                    + quoted(base) + "; searches here take no modifiers but a reference's resource type");
        }
    }

    private static void checkValues(String base, String[] values) {
        for (String value : values) {
            if (base.equals(Constants.PARAM_COUNT) && !value.matches("\\d{1,9}")) {
                throw new InvalidRequestException("_count must be a whole number, 0 or more");
            }
            if (base.equals(Constants.PARAM_SUMMARY) && !SUMMARY_VALUES.contains(value)) {
                throw new InvalidRequestException("_summary must be one of " + SUMMARY_VALUES);
            }
            if (base.equals(Constants.PARAM_PRETTY) && !value.equals("true") && !value.equals("false")) {
                throw new InvalidRequestException("_pretty must be true or false");
            }
        }
    }

    private static PreferHandlingEnum handling(RequestDetails request, RestfulServer server) {
        String prefer = request.getHeader(Constants.HEADER_PREFER);
        if (prefer == null || prefer.isBlank()) {
            return PreferHandlingEnum.STRICT;
        }
        PreferHandlingEnum handling =
                RestfulServerUtils.parsePreferHeader(server, prefer).getHanding();
        return handling == null ? PreferHandlingEnum.STRICT : handling;
    }

    /** The name in quotes when it looks like a parameter name, else a neutral word: error bodies echo no input. */
    static String quoted(String name) {
        return name.matches("[A-Za-z0-9_:-]{1,64}") ? "'" + name + "'" : "(a name that is not one)";
    }

    private ProviderDeclarations declarations(RestfulServer server) {
        ProviderDeclarations known = declarations.get();
        if (known == null) {
            known = ProviderDeclarations.of(server);
            declarations.set(known);
        }
        return known;
    }
}
