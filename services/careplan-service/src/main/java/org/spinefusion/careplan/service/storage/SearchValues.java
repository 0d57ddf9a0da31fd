package org.spinefusion.careplan.service.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * The search columns of one resource version. Dates are a range: {@code dateStart} inclusive, {@code dateEnd}
 * exclusive, null for open-ended. Tokens are {@code system|value} plus {@code |value}; references are {@code Type/id}.
 */
public record SearchValues(
        String subject,
        String status,
        List<String> categories,
        List<String> identifiers,
        Instant dateStart,
        Instant dateEnd,
        List<String> refs,
        String url,
        String version) {

    public static final SearchValues NONE = new Builder().build();

    /** Collects the columns while a {@link SearchColumns} walks a resource. */
    public static final class Builder {
        private String subject;
        private String status;
        private final Set<String> categories = new LinkedHashSet<>();
        private final Set<String> identifiers = new LinkedHashSet<>();
        private Instant dateStart;
        private Instant dateEnd;
        private final Set<String> refs = new LinkedHashSet<>();
        private String url;
        private String version;

        public Builder subject(Reference reference) {
            this.subject = referenceKey(reference);
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder categories(List<CodeableConcept> concepts) {
            concepts.forEach(this::category);
            return this;
        }

        public Builder category(CodeableConcept concept) {
            for (Coding coding : concept.getCoding()) {
                addToken(categories, coding.getSystem(), coding.getCode());
            }
            return this;
        }

        public Builder identifiers(List<Identifier> values) {
            values.forEach(this::identifier);
            return this;
        }

        public Builder identifier(Identifier identifier) {
            addToken(identifiers, identifier.getSystem(), identifier.getValue());
            return this;
        }

        /** Widens the date range to cover the value. */
        public Builder date(BaseDateTimeType value) {
            if (value != null && value.getValue() != null) {
                Instant low = FhirDates.lowerBound(value);
                Instant high = FhirDates.upperBound(value);
                dateStart = dateStart == null || low.isBefore(dateStart) ? low : dateStart;
                dateEnd = dateEnd == null || high.isAfter(dateEnd) ? high : dateEnd;
            }
            return this;
        }

        /** A period: a missing start or end leaves that side open. */
        public Builder period(Period period) {
            if (period != null && !period.isEmpty()) {
                dateStart = period.hasStart() ? FhirDates.lowerBound(period.getStartElement()) : null;
                dateEnd = period.hasEnd() ? FhirDates.upperBound(period.getEndElement()) : null;
            }
            return this;
        }

        public Builder refs(List<Reference> references) {
            references.forEach(this::ref);
            return this;
        }

        public Builder ref(Reference reference) {
            String key = referenceKey(reference);
            if (key != null) {
                refs.add(key);
            }
            return this;
        }

        public Builder refValue(String value) {
            if (value != null && !value.isBlank()) {
                refs.add(value);
            }
            return this;
        }

        public Builder canonical(String url, String version) {
            this.url = url;
            this.version = version;
            return this;
        }

        public SearchValues build() {
            return new SearchValues(
                    subject,
                    status,
                    new ArrayList<>(categories),
                    new ArrayList<>(identifiers),
                    dateStart,
                    dateEnd,
                    new ArrayList<>(refs),
                    url,
                    version);
        }

        private static void addToken(Set<String> target, String system, String value) {
            if (value == null || value.isBlank()) {
                return;
            }
            if (system != null && !system.isBlank()) {
                target.add(system + "|" + value);
            }
            target.add("|" + value);
        }

        /** {@code Type/id} of a literal reference, without base URL and version; null for contained or logical ones. */
        static String referenceKey(Reference reference) {
            if (reference == null
                    || !reference.hasReference()
                    || reference.getReference().startsWith("#")) {
                return null;
            }
            var id = reference.getReferenceElement();
            if (!id.hasResourceType() || !id.hasIdPart()) {
                return null;
            }
            return id.getResourceType() + "/" + id.getIdPart();
        }
    }
}
