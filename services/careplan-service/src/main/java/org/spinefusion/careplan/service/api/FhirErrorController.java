package org.spinefusion.careplan.service.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring's error page ({@code /error}), for what fails outside the FHIR servlet (an unknown path, a filter's
 * exception): an OperationOutcome with the status, in place of Spring's JSON that repeats the path.
 */
@RestController
class FhirErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, ErrorOutcome.CONTENT_TYPE)
                .body(ErrorOutcome.json(status));
    }
}
