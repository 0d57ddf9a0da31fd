package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The CapabilityStatement is a promise: every search parameter, include, revinclude and format it declares answers
 * 200 under {@code Prefer: handling=strict}, and one undeclared of each kind is refused.
 */
@CarePlanIntegrationTest
class DeclaredSearchesIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String STRICT = "handling=strict";

    @LocalServerPort
    int port;

    TestHttp http;
    CapabilityStatement capabilities;

    @BeforeEach
    void setUp() throws Exception {
        http = new TestHttp(port);
        capabilities = FHIR.newJsonParser()
                .parseResource(
                        CapabilityStatement.class,
                        http.withoutToken().get("metadata").body());
    }

    @Test
    void everyDeclaredSearchParameterIncludeAndRevIncludeWorksUnderStrictHandling() throws Exception {
        List<String> tried = new ArrayList<>();
        for (CapabilityStatementRestResourceComponent resource : resources()) {
            String type = resource.getType();
            for (CapabilityStatementRestResourceSearchParamComponent param : resource.getSearchParam()) {
                tried.add(strictSearch(type, param.getName() + "=" + encode(sample(type, param))));
            }
            for (StringType include : resource.getSearchInclude()) {
                tried.add(strictSearch(type, "_include=" + encode(include.getValue())));
            }
            for (StringType revInclude : resource.getSearchRevInclude()) {
                tried.add(strictSearch(type, "_revinclude=" + encode(revInclude.getValue())));
            }
            if (resource.getInteraction().stream()
                    .anyMatch(i -> i.getCode().toCode().equals("search-type"))) {
                tried.add(strictSearch(type, "_sort=-_lastUpdated&_count=1&_summary=count"));
            }
        }
        assertThat(tried).contains("CarePlan?_include=CarePlan%3Agoal", "CarePlan?_revinclude=Provenance%3Atarget");
        assertThat(tried.size()).isGreaterThan(60);
    }

    @Test
    void everyDeclaredFormatIsAnsweredInIt() throws Exception {
        assertThat(capabilities.getFormat())
                .extracting(CodeType::getValue)
                .containsExactly("application/fhir+json", "json");
        for (CodeType format : capabilities.getFormat()) {
            HttpResponse<String> response = http.get("CarePlan?_count=1&_format=" + encode(format.getValue()));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/fhir+json");
        }
    }

    @Test
    void refusesOneUndeclaredOfEachKindUnderStrictHandling() throws Exception {
        assertRefused("CarePlan?_tag=x", 400);
        assertRefused("CarePlan?performer=Practitioner%2Fx", 400);
        assertRefused("CarePlan?_include=CarePlan%3Asubject", 400);
        assertRefused("CarePlan?_revinclude=Goal%3Asubject", 400);
        assertRefused("CarePlan?_format=xml", 406);
    }

    private List<CapabilityStatementRestResourceComponent> resources() {
        return capabilities.getRestFirstRep().getResource();
    }

    private String strictSearch(String type, String query) throws Exception {
        String path = type + "?" + query;
        HttpResponse<String> response =
                http.send(http.fhir(path).header("Prefer", STRICT).GET());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        assertThat(response.body()).as(path).contains("\"searchset\"");
        return path;
    }

    private void assertRefused(String path, int status) throws Exception {
        HttpResponse<String> response =
                http.send(http.fhir(path).header("Prefer", STRICT).GET());
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.body()).as(path).contains("\"OperationOutcome\"");
    }

    /** A well-formed value of the parameter's type; what it matches does not matter. */
    private static String sample(String type, CapabilityStatementRestResourceSearchParamComponent param) {
        return switch (param.getType()) {
            case DATE -> "ge2026-01-01";
            case URI -> "http://example.org/x";
            case REFERENCE -> target(type, param.getName()) + "/x";
            default -> "x";
        };
    }

    private static String target(String type, String name) {
        RuntimeSearchParam param = FHIR.getResourceDefinition(type).getSearchParam(name);
        return param.getTargets().contains("Patient")
                ? "Patient"
                : param.getTargets().stream().sorted().findFirst().orElse("Patient");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
