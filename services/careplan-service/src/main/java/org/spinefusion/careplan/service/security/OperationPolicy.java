package org.spinefusion.careplan.service.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Who may call which FHIR operation: the rights declared for it ({@link OperationRights} beans, each declared by
 * the feature that implements the operation), else
 * the admin scope. Operations write, so patient-context tokens may call none.
 */
@Component
class OperationPolicy {

    private final Map<String, OperationRights> byName;

    OperationPolicy(List<OperationRights> declared) {
        this.byName = declared.stream()
                .collect(Collectors.toMap(OperationRights::operation, Function.identity(), (first, later) -> later));
    }

    void require(SmartAccess access, String operation) {
        OperationRights rights = byName.get(operation);
        if (rights == null) {
            if (!access.admin()) {
                throw SmartAuthorizationInterceptor.forbidden("The operation " + operation + " needs the admin scope");
            }
            return;
        }
        if (access.inPatientContext()) {
            throw SmartAuthorizationInterceptor.forbidden("A patient-context token cannot call " + operation);
        }
        for (char letter : rights.interactions().toCharArray()) {
            if (!access.allows(rights.resourceType(), letter)) {
                throw SmartAuthorizationInterceptor.forbidden(
                        operation + " needs '" + rights.interactions() + "' on " + rights.resourceType());
            }
        }
    }
}
