package com.temporalmall.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The spec at /v3/api-docs (Swagger UI at /swagger-ui.html) is generated from the controllers. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
  @Bean
  OpenAPI mallOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("temporal-mall")
                .version("0.1.0")
                .description(
                    "The go-zero mall HTTP contract; every order is a Temporal saga. Errors are"
                        + " application/problem+json. Sign in with /api/user/login and use the"
                        + " accessToken as bearer token."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
