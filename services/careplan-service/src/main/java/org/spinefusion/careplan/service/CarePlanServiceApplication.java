package org.spinefusion.careplan.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The care plan service: the FHIR API over PostgreSQL storage, with the pathway engine wired in. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CarePlanServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CarePlanServiceApplication.class, args);
    }
}
