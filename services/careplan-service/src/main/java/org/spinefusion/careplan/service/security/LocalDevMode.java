package org.spinefusion.careplan.service.security;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code careplan.security.mode} binds to local-dev, in any spelling the property binder accepts. */
class LocalDevMode implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                        .bind("careplan.security.mode", SecurityProperties.Mode.class)
                        .orElse(SecurityProperties.Mode.AUTHORIZATION_SERVER)
                == SecurityProperties.Mode.LOCAL_DEV;
    }
}
