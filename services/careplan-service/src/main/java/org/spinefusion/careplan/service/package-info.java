/**
 * The care plan service for spinal fusion episodes: a Spring Boot application that serves FHIR R4 over HTTP
 * ({@code api}), keeps every resource version in PostgreSQL ({@code storage}), seeds the pathway definitions at
 * start-up ({@code definitions}) and wires the Spring-free pathway engine ({@code pathway}); each capability is one
 * package and is added by adding beans, not by editing a central switch.
 */
package org.spinefusion.careplan.service;
