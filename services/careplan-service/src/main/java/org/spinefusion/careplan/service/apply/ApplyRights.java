package org.spinefusion.careplan.service.apply;

import org.spinefusion.careplan.service.security.OperationRights;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call {@code $apply}: declared here, beside the operation, as security asks every operation to. */
@Configuration(proxyBeanMethods = false)
class ApplyRights {

    /** $apply writes (creates or revises) the episode's CarePlan and what goes with it. */
    @Bean
    OperationRights applyOperationRights() {
        return new OperationRights("$apply", "CarePlan", "cu");
    }
}
