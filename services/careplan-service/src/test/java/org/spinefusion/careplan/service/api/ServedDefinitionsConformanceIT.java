package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the server says about itself validates against R4: the CapabilityStatement, its OperationDefinitions, an expansion. */
@CarePlanIntegrationTest
class ServedDefinitionsConformanceIT {

    @LocalServerPort
    int port;

    @Test
    void theCapabilityStatementItsOperationDefinitionsAndExpansionsValidate() throws Exception {
        TestHttp anonymous = new TestHttp(port).withoutToken();
        List<IBaseResource> served = new ArrayList<>();
        CapabilityStatement capabilities =
                parse(CapabilityStatement.class, anonymous.get("metadata").body());
        served.add(capabilities);
        List<String> definitions = new ArrayList<>();
        capabilities.getRestFirstRep().getOperation().forEach(o -> definitions.add(o.getDefinition()));
        capabilities.getRestFirstRep().getResource().forEach(r -> r.getOperation()
                .forEach(o -> definitions.add(o.getDefinition())));
        for (String definition : definitions) {
            String path = definition.substring(definition.indexOf("/fhir/") + "/fhir/".length());
            served.add(parse(OperationDefinition.class, anonymous.get(path).body()));
        }
        served.add(parse(
                ValueSet.class,
                anonymous.get("ValueSet/wound-drainage-type/$expand").body()));
        served.add(parse(
                ValueSet.class,
                anonymous.get("ValueSet/milestone-progress/$expand").body()));

        for (IBaseResource resource : served) {
            assertThat(Engines.validator().errors(resource))
                    .as(resource.getIdElement().getValue() + " " + resource.fhirType())
                    .isEmpty();
        }
    }

    private static <T extends IBaseResource> T parse(Class<T> type, String json) {
        return Engines.FHIR.newJsonParser().parseResource(type, json);
    }
}
