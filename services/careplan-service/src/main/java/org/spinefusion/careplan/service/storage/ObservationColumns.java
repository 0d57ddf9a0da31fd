package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.springframework.stereotype.Component;

/** An Observation's code goes into the category tokens too: both answer "what kind of finding". */
@Component
class ObservationColumns implements SearchColumns<Observation> {

    @Override
    public Class<Observation> type() {
        return Observation.class;
    }

    @Override
    public SearchValues extract(Observation observation) {
        SearchValues.Builder values = new SearchValues.Builder()
                .subject(observation.getSubject())
                .status(observation.hasStatus() ? observation.getStatus().toCode() : null)
                .categories(observation.getCategory())
                .category(observation.getCode())
                .identifiers(observation.getIdentifier())
                .refs(observation.getBasedOn())
                .refs(observation.getDerivedFrom());
        if (observation.getEffective() instanceof Period period) {
            values.period(period);
        } else if (observation.getEffective() instanceof BaseDateTimeType time) {
            values.date(time);
        }
        return values.build();
    }
}
