package org.spinefusion.careplan.pathway.episode;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.spinefusion.careplan.pathway.ApplyRequest;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.Episode;
import org.spinefusion.careplan.pathway.EpisodeProblem;
import org.spinefusion.careplan.pathway.InvalidEpisodeException;
import org.spinefusion.careplan.pathway.definition.CompiledPathway;

/**
 * Reads the episode from the $apply input and checks it, collecting every problem before refusing, so that an
 * integrator sees all that is wrong in one OperationOutcome.
 */
public final class EpisodeReader {

    public Episode read(ApplyRequest request, CompiledPathway pathway) {
        List<EpisodeProblem> problems = new ArrayList<>();
        ServiceRequest surgery = findSurgeryRequest(request.data(), problems);
        if (surgery == null) {
            throw new InvalidEpisodeException(problems);
        }
        Identifier identifier = surgery.getIdentifierFirstRep();
        if (!identifier.hasSystem() || !identifier.hasValue()) {
            problems.add(new EpisodeProblem(
                    "required",
                    "ServiceRequest.identifier",
                    "the surgery request needs an identifier with system and value: it names the episode"));
        }
        String patient = checkSubject(request.subject(), surgery, problems);
        LocalDate surgeryDate = surgeryDate(surgery, request.zone(), problems);
        if (!surgery.hasStatus()) {
            problems.add(new EpisodeProblem("required", "ServiceRequest.status", "the surgery request has no status"));
        }
        checkProcedure(surgery.getCode(), pathway.procedureCodes(), problems);
        Set<String> regions = codes(
                surgery.getBodySite(),
                Canonicals.CS_SPINAL_REGION,
                pathway.regionCodes(),
                "ServiceRequest.bodySite",
                problems);
        if (regions.isEmpty()) {
            problems.add(new EpisodeProblem(
                    "required",
                    "ServiceRequest.bodySite",
                    "the surgery request needs the spinal region in bodySite (" + Canonicals.CS_SPINAL_REGION + ")"));
        }
        Set<String> details = codes(
                surgery.getOrderDetail(),
                Canonicals.CS_EPISODE_DETAIL,
                pathway.detailCodes(),
                "ServiceRequest.orderDetail",
                problems);
        for (List<String> exclusive : pathway.exclusiveDetails()) {
            if (details.containsAll(exclusive)) {
                problems.add(new EpisodeProblem(
                        "invalid",
                        "ServiceRequest.orderDetail",
                        "orderDetail says both " + exclusive.get(0) + " and " + exclusive.get(1)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidEpisodeException(problems);
        }
        String key = identifier.getSystem() + "|" + identifier.getValue();
        boolean cancelled = surgery.getStatus() == ServiceRequestStatus.REVOKED
                || surgery.getStatus() == ServiceRequestStatus.ENTEREDINERROR;
        String fingerprint =
                fingerprint(request, pathway, key, patient, surgeryDate, cancelled, regions, details, surgery);
        return new Episode(
                key, patient, surgeryDate, cancelled, Set.copyOf(regions), Set.copyOf(details), surgery, fingerprint);
    }

    private static ServiceRequest findSurgeryRequest(Bundle data, List<EpisodeProblem> problems) {
        if (data == null) {
            problems.add(new EpisodeProblem(
                    "required", "Parameters.data", "the data parameter with the surgery ServiceRequest is missing"));
            return null;
        }
        List<ServiceRequest> requests = data.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(ServiceRequest.class::isInstance)
                .map(ServiceRequest.class::cast)
                .toList();
        if (requests.size() != 1) {
            problems.add(new EpisodeProblem(
                    requests.isEmpty() ? "required" : "invalid",
                    "Parameters.data",
                    "the data Bundle must hold exactly one surgery ServiceRequest; it holds " + requests.size()));
            return null;
        }
        return requests.get(0);
    }

    private static String checkSubject(Reference subject, ServiceRequest surgery, List<EpisodeProblem> problems) {
        String fromRequest = surgery.getSubject()
                .getReferenceElement()
                .toUnqualifiedVersionless()
                .getValue();
        if (fromRequest == null || !fromRequest.startsWith("Patient/")) {
            problems.add(new EpisodeProblem(
                    "required", "ServiceRequest.subject", "the surgery request's subject must be a Patient reference"));
            return null;
        }
        if (subject != null && subject.hasReference()) {
            String given =
                    subject.getReferenceElement().toUnqualifiedVersionless().getValue();
            if (!fromRequest.equals(given)) {
                problems.add(new EpisodeProblem(
                        "conflict",
                        "Parameters.subject",
                        "the subject parameter and the surgery request's subject name different patients"));
            }
        }
        return fromRequest;
    }

    private static LocalDate surgeryDate(ServiceRequest surgery, ZoneId zone, List<EpisodeProblem> problems) {
        if (!(surgery.getOccurrence() instanceof DateTimeType when) || when.getValue() == null) {
            problems.add(new EpisodeProblem(
                    "required",
                    "ServiceRequest.occurrence",
                    "the surgery request needs the surgery date as occurrenceDateTime (YYYY-MM-DD or a dateTime)"));
            return null;
        }
        if (when.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            problems.add(new EpisodeProblem(
                    "invalid", "ServiceRequest.occurrence", "the surgery date must give at least the day"));
            return null;
        }
        if (when.getTimeZone() == null || when.getPrecision() == TemporalPrecisionEnum.DAY) {
            return LocalDate.of(when.getYear(), when.getMonth() + 1, when.getDay());
        }
        return when.getValue().toInstant().atZone(zone).toLocalDate();
    }

    private static void checkProcedure(CodeableConcept code, Set<String> allowed, List<EpisodeProblem> problems) {
        if (code == null || !code.hasCoding()) {
            problems.add(new EpisodeProblem("required", "ServiceRequest.code", "the surgery code is missing"));
            return;
        }
        boolean known = code.getCoding().stream().anyMatch(c -> allowed.contains(c.getSystem() + "|" + c.getCode()));
        if (!known) {
            Coding first = code.getCodingFirstRep();
            problems.add(new EpisodeProblem(
                    "code-invalid",
                    "ServiceRequest.code",
                    "unknown surgery code " + first.getSystem() + "|" + first.getCode()));
        }
    }

    private static Set<String> codes(
            List<CodeableConcept> concepts,
            String system,
            Set<String> allowed,
            String expression,
            List<EpisodeProblem> problems) {
        Set<String> codes = new TreeSet<>();
        for (int i = 0; i < concepts.size(); i++) {
            for (Coding coding : concepts.get(i).getCoding()) {
                if (!allowed.contains(coding.getSystem() + "|" + coding.getCode())) {
                    problems.add(new EpisodeProblem(
                            "code-invalid",
                            expression + "[" + i + "]",
                            "unknown code " + coding.getSystem() + "|" + coding.getCode() + " (expected codes of "
                                    + system + ")"));
                } else {
                    codes.add(coding.getCode());
                }
            }
        }
        return codes;
    }

    private static String fingerprint(
            ApplyRequest request,
            CompiledPathway pathway,
            String key,
            String patient,
            LocalDate date,
            boolean cancelled,
            Set<String> regions,
            Set<String> details,
            ServiceRequest surgery) {
        StringBuilder text = new StringBuilder()
                .append(pathway.canonical())
                .append('\n')
                .append(key)
                .append('\n')
                .append(patient)
                .append('\n')
                .append(date)
                .append('\n')
                .append(cancelled)
                .append('\n')
                .append(new TreeSet<>(regions))
                .append('\n')
                .append(new TreeSet<>(details))
                .append('\n')
                .append(levels(surgery))
                .append('\n')
                .append(procedure(surgery))
                .append('\n')
                .append(reference(request.encounter()))
                .append('\n')
                .append(reference(request.practitioner()))
                .append('\n')
                .append(reference(request.organization()))
                .append('\n')
                .append(request.zone());
        return sha256(text.toString());
    }

    /** The ordered procedure, which the surgery activity carries: another code is another plan. */
    private static String procedure(ServiceRequest surgery) {
        return surgery.getCode().getCoding().stream()
                .map(c -> c.getSystem() + "|" + c.getCode())
                .sorted()
                .toList()
                .toString();
    }

    /** The fused levels as written in the request, e.g. "L4-L5", or empty. */
    public static String levels(ServiceRequest surgery) {
        Extension levels = surgery.getExtensionByUrl(Canonicals.EXT_FUSION_LEVELS);
        return levels == null || levels.getValue() == null
                ? ""
                : levels.getValue().primitiveValue();
    }

    private static String reference(Reference reference) {
        return reference == null ? "" : String.valueOf(reference.getReference());
    }

    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
