package dev.braid.spring.boot.autoconfigure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the test pipelines need from the application. */
@Configuration(proxyBeanMethods = false)
class TestBeans {

  @Bean
  Salutation salutation() {
    return new Salutation("Hello");
  }
}
