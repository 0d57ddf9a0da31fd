package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.goal;
import static org.spinefusion.careplan.service.support.Fixtures.plannedCommunication;
import static org.spinefusion.careplan.service.support.Fixtures.provenance;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every registered resource type x interaction x scope form x (own patient, another patient, no patient context): each
 * cell is allowed or refused as docs/security.md specifies, and no 2xx body of a patient-context call ever names the
 * other patient.
 */
@CarePlanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    private static final String CATEGORY = Fixtures.CATEGORY_SYSTEM + "|" + Fixtures.CATEGORY_CODE;
    /** Definitions anyone may read and search, with or without a token ({@link PublicDefinitions}). */
    private static final Set<String> PUBLIC = Set.of("ValueSet", "CodeSystem", "StructureDefinition");

    private static final Set<String> DEFINITIONS = Set.of(
            "Questionnaire", "PlanDefinition", "ActivityDefinition", "ValueSet", "CodeSystem", "StructureDefinition");

    @LocalServerPort
    int port;

    @Autowired
    ResourceRepository repository;

    @Autowired
    RestfulServer server;

    final String own = unique("pat-own");
    final String other = unique("pat-other");
    /** type -> (patient -> id of that patient's resource); definitions under key "". */
    final Map<String, Map<String, String>> ids = new LinkedHashMap<>();

    final Map<String, Resource> byId = new LinkedHashMap<>();

    enum Interaction {
        READ,
        VREAD,
        HISTORY,
        SEARCH,
        CREATE,
        UPDATE,
        APPLY
    }

    /** A token form: its scopes for a type, and whether it carries the own patient in context. */
    record Form(String name, String scopesTemplate, boolean patientContext) {
        String token(String type, String patient) {
            String scopes = scopesTemplate.replace("{T}", type).replace("{CAT}", CATEGORY);
            return patientContext
                    ? TestTokens.patient(patient, scopes)
                    : TestTokens.builder().scopes(scopes).sign();
        }

        /** The v2 letters the form grants, v1 suffixes translated. */
        String letters() {
            if (scopesTemplate.startsWith("openid")) {
                return "";
            }
            String suffix = scopesTemplate.substring(scopesTemplate.lastIndexOf('.') + 1)
                    .split("\\?")[0];
            return switch (suffix) {
                case "read" -> "rs";
                case "write" -> "cud";
                case "*" -> "cruds";
                default -> suffix;
            };
        }

        /** patient/ scopes grant nothing without a patient in context. */
        boolean coversType(String type) {
            if (scopesTemplate.startsWith("patient/") && !patientContext) {
                return false;
            }
            return scopesTemplate.contains("{T}") || scopesTemplate.contains("/*.");
        }
    }

    static final List<Form> FORMS = List.of(
            new Form("v1 patient/T.read", "patient/{T}.read", true),
            new Form("v2 patient/T.rs", "patient/{T}.rs", true),
            new Form("v2 patient/*.cruds", "patient/*.cruds", true),
            new Form("granular patient/T.rs?category", "patient/{T}.rs?category={CAT}", true),
            new Form("user/*.cruds with patient", "user/*.cruds", true),
            new Form("wrong type patient/Device.rs", "patient/Device.rs", true),
            new Form("none", "openid profile", true),
            new Form("user/*.cruds", "user/*.cruds", false),
            new Form("system/*.rs", "system/*.rs", false),
            new Form("v1 system/*.write", "system/*.write", false),
            new Form("patient/T.rs without patient", "patient/{T}.rs", false),
            new Form("none without patient", "openid", false));

    @BeforeAll
    void seed() {
        List<Resource> resources = new ArrayList<>();
        for (String patient : List.of(own, other)) {
            String ref = "Patient/" + patient;
            String plan = unique("mx-cp");
            put("CarePlan", patient, carePlan(plan, ref), resources);
            put("Goal", patient, goal(unique("mx-goal"), ref, "2026-09-01"), resources);
            put(
                    "Communication",
                    patient,
                    plannedCommunication(unique("mx-com"), ref, "2026-03-01T09:00:00Z"),
                    resources);
            // As the engine writes it: the plan and the episode's tailored Questionnaires, which belong to no one.
            put(
                    "Provenance",
                    patient,
                    provenance(unique("mx-prov"), "CarePlan/" + plan, "Questionnaire/postop-symptom-check"),
                    resources);
            QuestionnaireResponse response = new QuestionnaireResponse();
            response.setId(unique("mx-qr"));
            response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            response.setSubject(new Reference(ref));
            put("QuestionnaireResponse", patient, response, resources);
            Observation observation = new Observation();
            observation.setId(unique("mx-obs"));
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.getCode().setText("pain");
            observation.setSubject(new Reference(ref));
            put("Observation", patient, observation, resources);
            Task task = new Task();
            task.setId(unique("mx-task"));
            task.setStatus(Task.TaskStatus.REQUESTED);
            task.setIntent(Task.TaskIntent.ORDER);
            task.setFor(new Reference(ref));
            put("Task", patient, task, resources);
        }
        repository.saveAll(resources);
        resources.forEach(resource -> resource.getMeta().addTag("urn:test", "second-version", null));
        repository.saveAll(resources);
        for (String definition : DEFINITIONS) {
            ids.put(definition, Map.of("", firstId(definition)));
        }
    }

    private void put(String type, String patient, Resource resource, List<Resource> resources) {
        ids.computeIfAbsent(type, t -> new LinkedHashMap<>())
                .put(patient, resource.getIdElement().getIdPart());
        byId.put(resource.getIdElement().getIdPart(), resource);
        resources.add(resource);
    }

    private String firstId(String type) {
        return repository
                .search(new org.spinefusion.careplan.service.storage.SearchQuery(type, List.of(), false, 1))
                .get(0)
                .id();
    }

    private Set<String> registeredTypes() {
        Set<String> types = new TreeSet<>();
        FhirContext fhir = server.getFhirContext();
        for (IResourceProvider provider : server.getResourceProviders()) {
            types.add(fhir.getResourceType(provider.getResourceType()));
        }
        return types;
    }

    @Test
    void coversEveryRegisteredResourceType() {
        assertThat(ids.keySet()).containsAll(registeredTypes());
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        List<DynamicTest> cells = new ArrayList<>();
        for (String type : registeredTypes()) {
            for (Interaction interaction : Interaction.values()) {
                for (Form form : FORMS) {
                    for (String target : targets(type, form)) {
                        cells.add(DynamicTest.dynamicTest(
                                type + " " + interaction + " " + form.name() + " -> " + label(target),
                                () -> cell(type, interaction, form, target)));
                    }
                }
            }
        }
        assertThat(cells.size()).isGreaterThan(500);
        return cells.stream();
    }

    private List<String> targets(String type, Form form) {
        if (DEFINITIONS.contains(type)) {
            return List.of("");
        }
        return form.patientContext() ? List.of(own, other) : List.of(own);
    }

    private String label(String target) {
        return target.isEmpty() ? "definition" : target.equals(own) ? "own patient" : "other patient";
    }

    private void cell(String type, Interaction interaction, Form form, String target) throws Exception {
        TestHttp http = new TestHttp(port).withToken(form.token(type, own));
        String id = ids.get(type).get(target);
        boolean patientData = !DEFINITIONS.contains(type);
        boolean readable = form.coversType(type) && form.letters().contains("r");
        boolean searchable = form.coversType(type) && form.letters().contains("s");
        boolean inCompartment = !patientData || !form.patientContext() || target.equals(own);
        boolean categoryOk = !form.scopesTemplate().contains("?category") || hasCategory(id);
        HttpResponse<String> response =
                switch (interaction) {
                    case READ -> http.get(type + "/" + id);
                    case VREAD -> http.get(type + "/" + id + "/_history/1");
                    case HISTORY -> http.get(type + "/" + id + "/_history");
                    case SEARCH -> http.get(type + searchQuery(type, target));
                    case CREATE -> http.post(type, "application/fhir+json", body(type, id, target));
                    case UPDATE -> http.send(http.fhir(type + "/" + id)
                            .header("Content-Type", "application/fhir+json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body(type, id, target))));
                    case APPLY -> http.post(
                            "PlanDefinition/spinal-fusion-pathway/$apply",
                            "application/fhir+json",
                            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subject\",\"valueString\":"
                                    + "\"Patient/" + (target.isEmpty() ? own : target) + "\"}]}");
                };
        int status = response.statusCode();
        assertThat(status).as("never a server error").isLessThan(500);
        if (status == 400 && response.body().contains("does not know how to handle")) {
            return; // the type has no such interaction (for example history of a definition): nothing to authorize
        }
        if (form.patientContext() && status < 300) {
            assertThat(response.body()).as("no other patient's data").doesNotContain(other);
            for (String otherId : otherPatientsIds()) {
                assertThat(response.body()).doesNotContain(otherId);
            }
        }
        switch (interaction) {
            case READ, VREAD, HISTORY -> {
                boolean allowed = PUBLIC.contains(type) || (readable && inCompartment && categoryOk);
                assertThat(status).as(response.body()).isEqualTo(allowed ? 200 : readable ? 404 : 403);
            }
            case SEARCH -> {
                if (PUBLIC.contains(type)) {
                    assertThat(status).as(response.body()).isEqualTo(200);
                    assertThat(response.body()).contains(id);
                } else if (!searchable) {
                    assertThat(status).isEqualTo(403);
                } else if (!inCompartment) {
                    assertThat(status).as("a search naming another patient").isEqualTo(403);
                } else if (form.scopesTemplate().contains("?category") && !declaresCategory(type)) {
                    assertThat(status).isEqualTo(403);
                } else {
                    assertThat(status).as(response.body()).isEqualTo(200);
                    if (categoryOk) {
                        assertThat(response.body()).contains(id);
                    } else {
                        assertThat(response.body()).doesNotContain(id);
                    }
                }
            }
            case CREATE, UPDATE -> assertThat(status)
                    .as("no write endpoint accepts this: refused, never stored")
                    .isBetween(400, 499);
            case APPLY -> {
                boolean mayApply = !form.patientContext()
                        && form.letters().contains("c")
                        && form.letters().contains("u");
                if (mayApply) {
                    assertThat(status)
                            .as("authorized, then refused for its missing data")
                            .isEqualTo(400);
                } else {
                    assertThat(status).isEqualTo(403);
                }
            }
        }
    }

    private String searchQuery(String type, String target) {
        if (target.isEmpty()) {
            return "?_id=" + ids.get(type).get("");
        }
        if (type.equals("Provenance")) {
            String plan = ids.get("CarePlan").get(target);
            return "?target=CarePlan/" + plan;
        }
        String param = type.equals("Task") ? "patient" : "subject";
        return "?" + param + "=Patient/" + target + "&_count=200";
    }

    private boolean declaresCategory(String type) {
        return Set.of("CarePlan", "Goal", "Communication", "Observation").contains(type);
    }

    private boolean hasCategory(String id) {
        Resource resource = byId.get(id);
        return resource != null && resource.fhirType().equals("CarePlan");
    }

    private List<String> otherPatientsIds() {
        List<String> found = new ArrayList<>();
        ids.values().forEach(byPatient -> {
            String id = byPatient.get(other);
            if (id != null) {
                found.add(id);
            }
        });
        return found;
    }

    private String body(String type, String id, String target) {
        String patient = target.isEmpty() ? own : target;
        return "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\",\"status\":\"active\",\"subject\":{"
                + "\"reference\":\"Patient/" + patient + "\"}}";
    }
}
