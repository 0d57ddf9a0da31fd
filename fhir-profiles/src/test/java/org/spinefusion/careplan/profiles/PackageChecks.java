package org.spinefusion.careplan.profiles;

import static org.spinefusion.careplan.profiles.FhirPackage.BASE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks behind the tests. Each returns a list of problems (empty = fine), so the tests can run them both on the
 * real package and on a deliberately broken copy.
 */
final class PackageChecks {

    static final List<String> PHASES = List.of(
            "phase-preparation",
            "phase-day-of-surgery",
            "phase-hospital-stay",
            "phase-early-recovery",
            "phase-rehabilitation",
            "phase-long-term");

    static final Set<String> UCUM_TIME_UNITS = Set.of("d", "wk", "mo", "a");
    static final Set<String> PRIORITIES = Set.of("routine", "urgent", "asap", "stat");
    static final Set<String> RELATIONSHIPS = Set.of("before-start", "after-start", "concurrent-with-start");
    static final Set<String> DEFINITION_KINDS = Set.of("Task", "ServiceRequest", "Appointment", "CommunicationRequest");
    private static final Pattern LINK_ID = Pattern.compile("linkId = '([^']+)'");

    private PackageChecks() {}

    // ------------------------------------------------------------------ index

    /** The entry build-index.py writes for a resource file. */
    static Map<String, String> expectedIndexEntry(String filename, JsonNode resource) {
        Map<String, String> entry = new TreeMap<>();
        entry.put("filename", filename);
        entry.put("resourceType", resource.path("resourceType").asText());
        entry.put("id", resource.path("id").asText());
        List<String> fields = new ArrayList<>(List.of("url", "version"));
        switch (resource.path("resourceType").asText()) {
            case "StructureDefinition" -> fields.addAll(List.of("kind", "type"));
            case "CodeSystem" -> fields.addAll(List.of("content", "supplements"));
            default -> {}
        }
        for (String field : fields) {
            if (resource.path(field).isTextual()) {
                entry.put(field, resource.path(field).asText());
            }
        }
        return entry;
    }

    /** Problems of both indexes: {@code package/.index.json} and {@code package/example/.index.json}. */
    static List<String> indexProblems(FhirPackage pkg) {
        List<String> problems = new ArrayList<>(indexProblems(pkg.files, pkg.index, ""));
        problems.addAll(indexProblems(pkg.examples, pkg.exampleIndex, "example/"));
        return problems;
    }

    /** {@code folder} is "" for the package and "example/" for the example folder (it prefixes every problem). */
    private static List<String> indexProblems(Map<String, JsonNode> files, JsonNode index, String folder) {
        List<String> problems = new ArrayList<>();
        if (index.path("index-version").asInt() != 1) {
            problems.add(folder + ".index.json: index-version must be 1");
        }
        Map<String, Map<String, String>> listed = new TreeMap<>();
        for (JsonNode entry : index.path("files")) {
            Map<String, String> fields = new TreeMap<>();
            entry.fields()
                    .forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
            listed.put(entry.path("filename").asText(), fields);
        }
        for (String filename : files.keySet()) {
            if (!listed.containsKey(filename)) {
                problems.add(
                        folder + filename + " is not listed in " + folder + ".index.json (run tools/build-index.py)");
            } else if (!listed.get(filename).equals(expectedIndexEntry(filename, files.get(filename)))) {
                problems.add(
                        folder + filename + ": " + folder + ".index.json entry is stale (run tools/build-index.py)");
            }
        }
        for (String filename : listed.keySet()) {
            if (!files.containsKey(filename)) {
                problems.add(folder + ".index.json lists " + filename + " but the file does not exist");
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ examples

    static final String SURGERY_REQUEST_PROFILE = BASE + "/StructureDefinition/spinal-fusion-surgery-request";
    static final Set<String> SURGERY_REQUEST_STATUSES = Set.of("active", "on-hold", "draft", "completed", "revoked");
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?");

    /**
     * The rules of the {@code spinal-fusion-surgery-request} profile and docs/pathway-contract.md, for one
     * ServiceRequest: meta.profile, identifier (system + value), status, intent order, code from
     * ValueSet/spinal-fusion-procedure, subject Patient, occurrenceDateTime only, bodySite 1..* from
     * CodeSystem/spinal-region, orderDetail codes from CodeSystem/episode-detail, at most one fusion-levels extension
     * and no other extension.
     */
    static List<String> surgeryRequestProblems(FhirPackage pkg, String filename, JsonNode sr) {
        List<String> problems = new ArrayList<>();
        String where = filename + ": ";
        if (!sr.path("resourceType").asText().equals("ServiceRequest")) {
            problems.add(where + "must be a ServiceRequest");
        }
        if (!filename.equals("ServiceRequest-" + sr.path("id").asText() + ".json")) {
            problems.add(where + "file name does not match ServiceRequest-<id>.json");
        }
        if (!sr.path("meta").path("profile").toString().contains("\"" + SURGERY_REQUEST_PROFILE + "\"")) {
            problems.add(where + "meta.profile must claim " + SURGERY_REQUEST_PROFILE);
        }
        JsonNode identifier = sr.path("identifier").path(0);
        if (identifier.path("system").asText("").isBlank()
                || identifier.path("value").asText("").isBlank()) {
            problems.add(where + "identifier[0] needs system and value");
        }
        if (!SURGERY_REQUEST_STATUSES.contains(sr.path("status").asText())) {
            problems.add(where + "status must be one of " + new TreeSet<>(SURGERY_REQUEST_STATUSES));
        }
        if (!sr.path("intent").asText().equals("order")) {
            problems.add(where + "intent must be order");
        }
        Set<String> procedures = new HashSet<>();
        pkg.resource("ValueSet", "spinal-fusion-procedure")
                .path("compose")
                .path("include")
                .forEach(include -> include.path("concept")
                        .forEach(c -> procedures.add(include.path("system").asText() + "|"
                                + c.path("code").asText())));
        boolean procedure = false;
        for (JsonNode coding : sr.path("code").path("coding")) {
            procedure |= procedures.contains(
                    coding.path("system").asText() + "|" + coding.path("code").asText());
        }
        if (!procedure) {
            problems.add(where + "code must be a coding from ValueSet/spinal-fusion-procedure");
        }
        if (!sr.path("subject").path("reference").asText().matches("Patient/[A-Za-z0-9\\-.]{1,64}")) {
            problems.add(where + "subject must reference a Patient");
        }
        if (!DATE_TIME.matcher(sr.path("occurrenceDateTime").asText()).matches()) {
            problems.add(where + "occurrenceDateTime (the surgery date) must be a date or dateTime");
        }
        if (sr.has("occurrencePeriod") || sr.has("occurrenceTiming")) {
            problems.add(where + "occurrence[x] must be a dateTime");
        }
        if (sr.path("bodySite").isEmpty()) {
            problems.add(where + "needs at least one bodySite");
        }
        problems.addAll(codingProblems(pkg, where + "bodySite", sr.path("bodySite"), "spinal-region"));
        problems.addAll(codingProblems(pkg, where + "orderDetail", sr.path("orderDetail"), "episode-detail"));
        int levels = 0;
        for (JsonNode extension : sr.path("extension")) {
            if (extension.path("url").asText().equals(BASE + "/StructureDefinition/fusion-levels")) {
                levels++;
                if (extension.path("valueString").asText("").isBlank()) {
                    problems.add(where + "fusion-levels needs a valueString");
                }
            } else {
                problems.add(
                        where + "unexpected extension " + extension.path("url").asText());
            }
        }
        if (levels > 1) {
            problems.add(where + "at most one fusion-levels extension");
        }
        return problems;
    }

    /** Each concept has exactly one coding, from {@code BASE/CodeSystem/<codeSystem>}, with a code it defines. */
    private static List<String> codingProblems(FhirPackage pkg, String where, JsonNode concepts, String codeSystem) {
        List<String> problems = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        pkg.resource("CodeSystem", codeSystem)
                .path("concept")
                .forEach(c -> codes.add(c.path("code").asText()));
        for (JsonNode concept : concepts) {
            JsonNode coding = concept.path("coding");
            if (coding.size() != 1
                    || !coding.path(0).path("system").asText().equals(BASE + "/CodeSystem/" + codeSystem)
                    || !codes.contains(coding.path(0).path("code").asText())) {
                problems.add(where + " " + concept + " is not one coding from CodeSystem/" + codeSystem);
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ resource shape

    static List<String> resourceProblems(FhirPackage pkg) {
        List<String> problems = new ArrayList<>();
        Set<String> urls = new HashSet<>();
        pkg.files.forEach((filename, r) -> {
            String type = r.path("resourceType").asText("");
            String id = r.path("id").asText("");
            if (type.isEmpty()) {
                problems.add(filename + ": no resourceType");
            }
            if (!filename.equals(type + "-" + id + ".json")) {
                problems.add(filename + ": file name does not match <resourceType>-<id>.json");
            }
            String url = r.path("url").asText("");
            if (!url.equals(BASE + "/" + type + "/" + id)) {
                problems.add(filename + ": url " + url + " is not " + BASE + "/" + type + "/" + id);
            }
            if (!urls.add(url)) {
                problems.add(filename + ": duplicate url " + url);
            }
            if (!"0.1.0".equals(r.path("version").asText())) {
                problems.add(filename + ": version must be 0.1.0");
            }
            String status = r.path("status").asText();
            boolean isStructureDefinition = type.equals("StructureDefinition");
            if (!status.equals("active") && !(isStructureDefinition && status.equals("draft"))) {
                problems.add(filename + ": status must be active (profiles may be draft)");
            }
            if (r.path("publisher").asText("").isBlank()) {
                problems.add(filename + ": no publisher");
            }
            if (r.path("name").asText("").isBlank() || !r.path("name").asText().matches("[A-Z][A-Za-z0-9_]{0,254}")) {
                problems.add(filename + ": name must be a computable identifier");
            }
            String text = r.toString();
            if (text.contains("\"system\":\"http://snomed.info/sct\"")
                    && !r.path("copyright").asText().contains("SNOMED")) {
                problems.add(filename + ": uses SNOMED CT but copyright does not mention it");
            }
            if (text.contains("\"system\":\"http://loinc.org\"")
                    && !r.path("copyright").asText().contains("LOINC")) {
                problems.add(filename + ": uses LOINC but copyright does not mention it");
            }
        });
        return problems;
    }

    /** Clinical artifacts must say their numbers are defaults for local review and name their source. */
    static List<String> clinicalSourceProblems(FhirPackage pkg) {
        List<String> problems = new ArrayList<>();
        pkg.files.forEach((filename, r) -> {
            String type = r.path("resourceType").asText();
            if (!Set.of("PlanDefinition", "ActivityDefinition", "Questionnaire").contains(type)) {
                return;
            }
            String purpose =
                    r.path("purpose").asText("") + " " + r.path("description").asText("");
            if (!purpose.contains("local clinical team") && !purpose.contains("local clinical review")) {
                problems.add(filename
                        + ": purpose/description must mark the content as a default for local clinical review");
            }
            if (!type.equals("Questionnaire") && !r.has("relatedArtifact")) {
                problems.add(filename + ": no relatedArtifact naming the source");
            }
            if (!r.has("useContext")) {
                problems.add(filename + ": no useContext");
            }
        });
        return problems;
    }

    // ------------------------------------------------------------------ canonicals and codes

    static List<String> canonicalProblems(FhirPackage pkg) {
        List<String> problems = new ArrayList<>();
        pkg.files.forEach((filename, r) -> {
            Set<String> canonicals = new LinkedHashSet<>();
            FhirPackage.walk(r, node -> {
                if (!node.isObject()) {
                    return;
                }
                for (String field : List.of("definitionCanonical", "answerValueSet", "valueSet", "resource")) {
                    if (node.path(field).isTextual()) {
                        canonicals.add(node.path(field).asText());
                    }
                }
                if (node.path("url").isTextual() && node.has("value") == false && isExtension(node)) {
                    canonicals.add(node.path("url").asText());
                }
                for (JsonNode profile : node.path("profile")) {
                    canonicals.add(profile.asText());
                }
                for (JsonNode derivedFrom : node.path("derivedFrom")) {
                    canonicals.add(derivedFrom.asText());
                }
            });
            for (String canonical : canonicals) {
                if (canonical.startsWith(BASE) && pkg.byCanonical(canonical).isEmpty()) {
                    problems.add(filename + ": " + canonical + " does not resolve to a file in the package");
                }
            }
            for (JsonNode coding : FhirPackage.objectsWith(r, "system")) {
                String system = coding.path("system").asText();
                if (!system.startsWith(BASE + "/CodeSystem/")) {
                    continue;
                }
                Optional<JsonNode> codeSystem = pkg.byCanonical(system);
                if (codeSystem.isEmpty()) {
                    problems.add(filename + ": code system " + system + " is not in the package");
                    continue;
                }
                Set<String> codes = new HashSet<>();
                codeSystem
                        .get()
                        .path("concept")
                        .forEach(c -> codes.add(c.path("code").asText()));
                List<String> used = new ArrayList<>();
                if (coding.has("code")) {
                    used.add(coding.path("code").asText());
                }
                coding.path("concept").forEach(c -> used.add(c.path("code").asText()));
                for (String code : used) {
                    if (!codes.contains(code)) {
                        problems.add(filename + ": code " + code + " is not defined in " + system);
                    }
                }
            }
        });
        return problems;
    }

    /** An extension instance: an object with a url and exactly one value[x] or nested extensions. */
    private static boolean isExtension(JsonNode node) {
        var names = node.fieldNames();
        boolean value = false;
        while (names.hasNext()) {
            String name = names.next();
            if (name.startsWith("value") || name.equals("extension")) {
                value = true;
            }
        }
        return value && node.size() <= 3 && !node.has("resourceType");
    }

    // ------------------------------------------------------------------ coverage map

    static List<String> coverageProblems(FhirPackage pkg, List<String> guideSections) {
        List<String> problems = new ArrayList<>();
        Set<String> mapped = new HashSet<>();
        for (JsonNode section : pkg.coverage.path("sections")) {
            String id = section.path("id").asText();
            mapped.add(id);
            if (!section.path("artifacts").isArray()
                    || section.path("artifacts").isEmpty()) {
                problems.add("coverage section " + id + " has no artifacts");
            }
            for (JsonNode entry : section.path("artifacts")) {
                String target = entry.asText();
                String canonical = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Optional<JsonNode> resource = pkg.byCanonical(canonical);
                if (resource.isEmpty()) {
                    problems.add("coverage " + id + ": " + canonical + " is not in the package");
                    continue;
                }
                if (fragment != null && !fragmentIds(resource.get()).contains(fragment)) {
                    problems.add("coverage " + id + ": " + target + " points at a missing element");
                }
            }
        }
        for (String section : guideSections) {
            if (!mapped.contains(section)) {
                problems.add("guide section " + section + " has no entry in the coverage map");
            }
        }
        return problems;
    }

    /** Action ids and goal ids of a PlanDefinition, linkIds of a Questionnaire. */
    static Set<String> fragmentIds(JsonNode resource) {
        Set<String> ids = new HashSet<>();
        switch (resource.path("resourceType").asText()) {
            case "PlanDefinition" -> {
                FhirPackage.allActions(resource)
                        .forEach(a -> ids.add(a.path("id").asText()));
                resource.path("goal").forEach(g -> ids.add(g.path("id").asText()));
            }
            case "Questionnaire" -> FhirPackage.items(resource)
                    .forEach(i -> ids.add(i.path("linkId").asText()));
            default -> {}
        }
        return ids;
    }

    // ------------------------------------------------------------------ pathway

    static List<String> pathwayProblems(FhirPackage pkg) {
        JsonNode pd = pkg.pathway();
        List<String> problems = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        pd.path("action").forEach(p -> phases.add(p.path("id").asText()));
        if (!phases.equals(PHASES)) {
            problems.add("phases must be " + PHASES + " in order, found " + phases);
        }
        for (JsonNode phase : pd.path("action")) {
            if (phase.path("title").asText("").isBlank()
                    || phase.path("description").asText("").isBlank()) {
                problems.add(phase.path("id").asText() + ": phase needs title and description");
            }
        }
        Set<String> goalIds = new HashSet<>();
        for (JsonNode goal : pd.path("goal")) {
            String id = goal.path("id").asText("");
            if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                problems.add("goal id " + id + " is not kebab-case");
            }
            if (!goalIds.add(id)) {
                problems.add("goal id " + id + " repeats");
            }
            if (!goal.has("category")
                    || goal.path("description").path("text").asText("").isBlank()
                    || !goal.has("priority")) {
                problems.add("goal " + id + ": needs category, description.text and priority");
            }
            problems.addAll(durationProblems(
                    "goal " + id + " due", goal.path("target").path(0).path("due")));
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode action : FhirPackage.allActions(pd)) {
            String id = action.path("id").asText("");
            if (!ids.add(id)) {
                problems.add("action id " + id + " is not unique");
            }
        }
        for (JsonNode action : FhirPackage.nestedActions(pd)) {
            problems.addAll(nestedActionProblems(pkg, action, goalIds));
        }
        if (ids.stream().noneMatch("surgery"::equals)) {
            problems.add("no action with id surgery");
        }
        return problems;
    }

    static List<String> nestedActionProblems(FhirPackage pkg, JsonNode action, Set<String> goalIds) {
        List<String> problems = new ArrayList<>();
        String id = action.path("id").asText("");
        String where = "action " + id + ": ";
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(where + "id is not kebab-case");
        }
        for (String field : List.of("title", "description", "definitionCanonical")) {
            if (action.path(field).asText("").isBlank()) {
                problems.add(where + "no " + field);
            }
        }
        JsonNode coding = action.path("code").path(0).path("coding").path(0);
        if (coding.path("system").asText("").isBlank()
                || coding.path("code").asText("").isBlank()) {
            problems.add(where + "no code");
        }
        JsonNode participant = action.path("participant").path(0);
        if (!Set.of("patient", "practitioner", "related-person")
                        .contains(participant.path("type").asText())
                || !participant
                        .path("role")
                        .path("coding")
                        .path(0)
                        .path("system")
                        .asText()
                        .equals(BASE + "/CodeSystem/care-team-role")) {
            problems.add(where + "participant needs a type and a care-team-role");
        }
        Optional<JsonNode> definition =
                pkg.byCanonical(action.path("definitionCanonical").asText(""));
        if (definition.isEmpty()) {
            problems.add(where + "definitionCanonical does not resolve");
        } else {
            String type = definition.get().path("resourceType").asText();
            if (type.equals("ActivityDefinition")) {
                if (!DEFINITION_KINDS.contains(definition.get().path("kind").asText())) {
                    problems.add(where + "ActivityDefinition kind must be one of " + DEFINITION_KINDS);
                }
            } else if (!type.equals("Questionnaire")) {
                problems.add(where + "definition must be an ActivityDefinition or a Questionnaire");
            }
        }
        if (id.equals("surgery")) {
            if (action.has("relatedAction")) {
                problems.add(where + "the surgery itself has no relatedAction");
            }
        } else {
            JsonNode related = action.path("relatedAction").path(0);
            if (!related.path("actionId").asText().equals("surgery")) {
                problems.add(where + "relatedAction[0] must point at surgery");
            }
            if (!RELATIONSHIPS.contains(related.path("relationship").asText())) {
                problems.add(where + "relationship must be one of " + RELATIONSHIPS);
            }
            if (related.has("offsetDuration") == related.has("offsetRange")) {
                problems.add(where + "needs exactly one of offsetDuration and offsetRange");
            }
            if (related.has("offsetDuration")) {
                problems.addAll(durationProblems(where + "offsetDuration", related.path("offsetDuration")));
            }
            if (related.has("offsetRange")) {
                JsonNode low = related.path("offsetRange").path("low");
                JsonNode high = related.path("offsetRange").path("high");
                problems.addAll(durationProblems(where + "offsetRange.low", low));
                problems.addAll(durationProblems(where + "offsetRange.high", high));
                if (low.path("code").asText().equals(high.path("code").asText())
                        && low.path("value").asDouble() > high.path("value").asDouble()) {
                    problems.add(where + "offsetRange.low is above high");
                }
            }
        }
        for (JsonNode goalId : action.path("goalId")) {
            if (!goalIds.contains(goalId.asText())) {
                problems.add(where + "goalId " + goalId.asText() + " is not a goal");
            }
        }
        for (JsonNode condition : action.path("condition")) {
            if (!condition.path("kind").asText().equals("applicability")
                    || !condition.path("expression").path("language").asText().equals("text/fhirpath")
                    || !condition.path("expression").path("expression").asText().startsWith("%surgery.")) {
                problems.add(where + "condition must be an applicability FHIRPath expression over %surgery");
            }
        }
        return problems;
    }

    static List<String> durationProblems(String where, JsonNode duration) {
        List<String> problems = new ArrayList<>();
        if (!duration.path("value").isNumber()
                || !duration.path("system").asText().equals("http://unitsofmeasure.org")
                || !UCUM_TIME_UNITS.contains(duration.path("code").asText())
                || duration.path("unit").asText("").isBlank()) {
            problems.add(where + " must be a UCUM Duration in d, wk, mo or a with value and unit");
        }
        return problems;
    }

    // ------------------------------------------------------------------ escalation rules

    static List<String> escalationProblems(FhirPackage pkg) {
        List<String> problems = new ArrayList<>();
        JsonNode rules = pkg.escalation();
        if (!rules.path("type").path("coding").path(0).path("code").asText().equals("eca-rule")) {
            problems.add("escalation PlanDefinition must have type eca-rule");
        }
        Set<String> linkIds = fragmentIds(pkg.resource("Questionnaire", "postop-symptom-check"));
        for (JsonNode rule : rules.path("action")) {
            String where = "rule " + rule.path("id").asText() + ": ";
            if (!PRIORITIES.contains(rule.path("priority").asText())) {
                problems.add(where + "priority must be one of " + PRIORITIES);
            }
            if (rule.path("participant").isEmpty()
                    || rule.path("participant").findValues("role").stream().anyMatch(role -> !role.path("coding")
                            .path(0)
                            .path("system")
                            .asText()
                            .equals(BASE + "/CodeSystem/care-team-role"))) {
                problems.add(where + "needs participants with care-team-role roles");
            }
            for (String field : List.of("textEquivalent", "description", "title")) {
                if (rule.path(field).asText("").isBlank()) {
                    problems.add(where + "no " + field);
                }
            }
            if (rule.path("reason").isEmpty()) {
                problems.add(where + "no reason");
            }
            if (!rule.path("documentation").toString().contains("Default threshold for local clinical review")) {
                problems.add(where + "threshold not documented as a default for local clinical review");
            }
            JsonNode expression = rule.path("condition").path(0).path("expression");
            String fhirpath = expression.path("expression").asText("");
            if (!expression.path("language").asText().equals("text/fhirpath") || fhirpath.isBlank()) {
                problems.add(where + "no FHIRPath condition");
            }
            if (!fhirpath.contains("%response")) {
                problems.add(where + "condition must read %response");
            }
            if (fhirpath.contains("%previous")
                    && !fhirpath.contains("%previous.exists()")
                    && !fhirpath.contains("%previous.empty()")) {
                problems.add(where + "uses %previous without guarding for an empty %previous");
            }
            Matcher m = LINK_ID.matcher(fhirpath);
            while (m.find()) {
                if (!linkIds.contains(m.group(1))) {
                    problems.add(where + "linkId " + m.group(1) + " is not in postop-symptom-check");
                }
            }
            if (rule.path("priority").asText().equals("stat")
                    && !rule.path("textEquivalent").asText().toLowerCase().contains("emergency")) {
                problems.add(where + "a stat rule must tell the patient to contact emergency services now");
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ questionnaires

    static List<String> questionnaireProblems(JsonNode questionnaire) {
        List<String> problems = new ArrayList<>();
        String qid = questionnaire.path("id").asText();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : FhirPackage.items(questionnaire)) {
            String link = item.path("linkId").asText("");
            String where = qid + "#" + link + ": ";
            if (!seen.add(link)) {
                problems.add(where + "linkId repeats");
            }
            String type = item.path("type").asText();
            if (!Set.of("group", "display").contains(type)) {
                JsonNode code = item.path("code").path(0);
                if (code.path("system").asText("").isBlank()
                        || code.path("code").asText("").isBlank()) {
                    problems.add(where + "answerable item without a code");
                }
            }
            if (Set.of("choice", "open-choice").contains(type)
                    && !item.has("answerOption")
                    && !item.has("answerValueSet")) {
                problems.add(where + "choice item without answerOption or answerValueSet");
            }
            if (!Set.of("choice", "open-choice").contains(type)
                    && (item.has("answerOption") || item.has("answerValueSet"))) {
                problems.add(where + "answer options on a non-choice item");
            }
            for (JsonNode enableWhen : item.path("enableWhen")) {
                if (!seen.contains(enableWhen.path("question").asText())) {
                    problems.add(where + "enableWhen refers to "
                            + enableWhen.path("question").asText() + ", which is not an earlier item");
                }
            }
            if (item.path("enableWhen").size() > 1 && !item.has("enableBehavior")) {
                problems.add(where + "several enableWhen need enableBehavior");
            }
        }
        return problems;
    }

    /** Milestone check-in items carry a recovery-milestone code equal to a goal id of the pathway. */
    static List<String> milestoneLinkProblems(FhirPackage pkg) {
        List<String> problems = new ArrayList<>();
        Set<String> goals = new HashSet<>();
        pkg.pathway().path("goal").forEach(g -> goals.add(g.path("id").asText()));
        int linked = 0;
        for (JsonNode item : FhirPackage.items(pkg.resource("Questionnaire", "milestone-checkin"))) {
            for (JsonNode code : item.path("code")) {
                if (code.path("system").asText().equals(BASE + "/CodeSystem/recovery-milestone")) {
                    linked++;
                    if (!goals.contains(code.path("code").asText())) {
                        problems.add("milestone-checkin#" + item.path("linkId").asText() + " points at unknown goal "
                                + code.path("code").asText());
                    }
                }
            }
        }
        if (linked == 0) {
            problems.add("no milestone-checkin item is linked to a goal");
        }
        return problems;
    }
}
