package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriAndListParam;
import ca.uhn.fhir.rest.param.UriOrListParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.DateTimeType;
import org.spinefusion.careplan.service.storage.FhirDates;
import org.spinefusion.careplan.service.storage.SearchQuery;
import org.spinefusion.careplan.service.storage.SearchQuery.AnyOf;
import org.spinefusion.careplan.service.storage.SearchQuery.AnyToken;
import org.spinefusion.careplan.service.storage.SearchQuery.Comparison;
import org.spinefusion.careplan.service.storage.SearchQuery.Criterion;
import org.spinefusion.careplan.service.storage.SearchQuery.Field;
import org.spinefusion.careplan.service.storage.SearchQuery.InRange;

/**
 * Translates HAPI search parameters into a storage {@link SearchQuery}. Every method accepts null (parameter absent).
 * Unsupported modifiers and chains are rejected with 400.
 */
final class FhirSearch {

    private final String type;
    private final List<Criterion> criteria = new ArrayList<>();
    private final List<String> includes = new ArrayList<>();
    private boolean newestFirst;

    private FhirSearch(String type) {
        this.type = type;
    }

    static FhirSearch of(String type) {
        return new FhirSearch(type);
    }

    FhirSearch ids(TokenAndListParam ids) {
        return scalarTokens(Field.ID, ids);
    }

    FhirSearch statuses(TokenAndListParam statuses) {
        return scalarTokens(Field.STATUS, statuses);
    }

    FhirSearch versions(TokenAndListParam versions) {
        return scalarTokens(Field.VERSION, versions);
    }

    FhirSearch categories(TokenAndListParam categories) {
        return tokens(Field.CATEGORY, categories);
    }

    FhirSearch identifiers(TokenAndListParam identifiers) {
        return tokens(Field.IDENTIFIER, identifiers);
    }

    /** A reference without a type may name a Patient or a Group. */
    FhirSearch subjects(ReferenceAndListParam subjects) {
        return references(Field.SUBJECT, subjects, List.of("Patient", "Group"));
    }

    FhirSearch patients(ReferenceAndListParam patients) {
        return references(Field.SUBJECT, patients, List.of("Patient"));
    }

    /** References held in the refs column (goals, targets, basedOn, ...). */
    FhirSearch referencing(ReferenceAndListParam targets) {
        if (targets != null) {
            for (ReferenceOrListParam alternatives : targets.getValuesAsQueryTokens()) {
                List<String> values = new ArrayList<>();
                for (ReferenceParam reference : alternatives.getValuesAsQueryTokens()) {
                    values.addAll(referenceKeys(reference, List.of()));
                }
                criteria.add(new AnyToken(Field.REFERENCE, values, List.of()));
            }
        }
        return this;
    }

    FhirSearch urls(UriAndListParam urls) {
        if (urls != null) {
            for (UriOrListParam alternatives : urls.getValuesAsQueryTokens()) {
                List<String> values = new ArrayList<>();
                for (UriParam url : alternatives.getValuesAsQueryTokens()) {
                    if (url.getQualifier() != null) {
                        throw new InvalidRequestException("The url parameter supports exact matches only");
                    }
                    values.add(url.getValue());
                }
                criteria.add(new AnyOf(Field.URL, values));
            }
        }
        return this;
    }

    FhirSearch dates(DateRangeParam range) {
        return dateRange(Field.DATE, range);
    }

    FhirSearch lastUpdated(DateRangeParam range) {
        return dateRange(Field.LAST_UPDATED, range);
    }

    FhirSearch include(Set<Include> include) {
        if (include != null) {
            include.forEach(next -> includes.add(FhirResourceService.INCLUDE + next.getValue()));
        }
        return this;
    }

    FhirSearch revInclude(Set<Include> revInclude) {
        if (revInclude != null) {
            revInclude.forEach(next -> includes.add(FhirResourceService.REVINCLUDE + next.getValue()));
        }
        return this;
    }

    /** Results are always ordered by last update; only the direction can be chosen. */
    FhirSearch sort(SortSpec sort) {
        if (sort == null) {
            return this;
        }
        if (!"_lastUpdated".equals(sort.getParamName()) || sort.getChain() != null) {
            throw new InvalidRequestException("Only _sort=_lastUpdated or _sort=-_lastUpdated is supported");
        }
        newestFirst = sort.getOrder() == SortOrderEnum.DESC;
        return this;
    }

    SearchQuery toQuery(int limit) {
        return new SearchQuery(type, criteria, newestFirst, limit);
    }

    List<String> includes() {
        return List.copyOf(includes);
    }

    private FhirSearch scalarTokens(Field field, TokenAndListParam param) {
        if (param != null) {
            for (TokenOrListParam alternatives : param.getValuesAsQueryTokens()) {
                List<String> values = new ArrayList<>();
                for (TokenParam token : alternatives.getValuesAsQueryTokens()) {
                    requireNoModifier(token);
                    values.add(token.getValue());
                }
                criteria.add(new AnyOf(field, values));
            }
        }
        return this;
    }

    private FhirSearch tokens(Field field, TokenAndListParam param) {
        if (param != null) {
            for (TokenOrListParam alternatives : param.getValuesAsQueryTokens()) {
                List<String> tokens = new ArrayList<>();
                List<String> systems = new ArrayList<>();
                for (TokenParam token : alternatives.getValuesAsQueryTokens()) {
                    requireNoModifier(token);
                    boolean hasSystem =
                            token.getSystem() != null && !token.getSystem().isEmpty();
                    boolean hasValue =
                            token.getValue() != null && !token.getValue().isEmpty();
                    if (hasSystem && !hasValue) {
                        systems.add(token.getSystem());
                    } else if (hasValue) {
                        tokens.add((hasSystem ? token.getSystem() : "") + "|" + token.getValue());
                    }
                }
                criteria.add(new AnyToken(field, tokens, systems));
            }
        }
        return this;
    }

    private FhirSearch references(Field field, ReferenceAndListParam param, List<String> defaultTypes) {
        if (param != null) {
            for (ReferenceOrListParam alternatives : param.getValuesAsQueryTokens()) {
                List<String> values = new ArrayList<>();
                for (ReferenceParam reference : alternatives.getValuesAsQueryTokens()) {
                    values.addAll(referenceKeys(reference, defaultTypes));
                }
                criteria.add(new AnyOf(field, values));
            }
        }
        return this;
    }

    private static List<String> referenceKeys(ReferenceParam reference, List<String> defaultTypes) {
        if (reference.hasChain()) {
            throw new InvalidRequestException("Chained reference searches are not supported");
        }
        String idPart = reference.getIdPart();
        if (idPart == null || idPart.isBlank()) {
            throw new InvalidRequestException("A reference search needs a resource id, such as Patient/123");
        }
        String resourceType = reference.getResourceType();
        if (resourceType != null) {
            if (!defaultTypes.isEmpty() && !defaultTypes.contains(resourceType)) {
                throw new InvalidRequestException(
                        "A " + resourceType + " reference is not valid here; expected " + defaultTypes);
            }
            return List.of(resourceType + "/" + idPart);
        }
        if (defaultTypes.isEmpty()) {
            throw new InvalidRequestException("A reference search needs a resource type, such as CarePlan/123");
        }
        return defaultTypes.stream().map(t -> t + "/" + idPart).toList();
    }

    private FhirSearch dateRange(Field field, DateRangeParam range) {
        if (range != null) {
            for (DateParam date : range.getValuesAsQueryTokens()) {
                if (date.getMissing() != null || date.getValueAsString() == null) {
                    throw new InvalidRequestException("Date searches need a value; :missing is not supported");
                }
                DateTimeType value = new DateTimeType(date.getValueAsString());
                criteria.add(new InRange(
                        field, comparison(date.getPrefix()), FhirDates.lowerBound(value), FhirDates.upperBound(value)));
            }
        }
        return this;
    }

    private static Comparison comparison(ParamPrefixEnum prefix) {
        if (prefix == null) {
            return Comparison.EQ;
        }
        return switch (prefix) {
            case EQUAL, APPROXIMATE -> Comparison.EQ;
            case NOT_EQUAL -> Comparison.NE;
            case GREATERTHAN -> Comparison.GT;
            case GREATERTHAN_OR_EQUALS -> Comparison.GE;
            case LESSTHAN -> Comparison.LT;
            case LESSTHAN_OR_EQUALS -> Comparison.LE;
            case STARTS_AFTER -> Comparison.SA;
            case ENDS_BEFORE -> Comparison.EB;
        };
    }

    private static void requireNoModifier(TokenParam token) {
        if (token.getModifier() != null) {
            throw new InvalidRequestException(
                    "Token modifier :" + token.getModifier().getValue() + " is not supported");
        }
    }
}
