package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.CarePlan;
import org.springframework.stereotype.Component;

@Component
class CarePlanColumns implements SearchColumns<CarePlan> {

    @Override
    public Class<CarePlan> type() {
        return CarePlan.class;
    }

    @Override
    public SearchValues extract(CarePlan plan) {
        return new SearchValues.Builder()
                .subject(plan.getSubject())
                .status(plan.hasStatus() ? plan.getStatus().toCode() : null)
                .categories(plan.getCategory())
                .identifiers(plan.getIdentifier())
                .period(plan.getPeriod())
                .refs(plan.getGoal())
                .build();
    }
}
