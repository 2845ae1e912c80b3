package dev.braid.spring.boot.autoconfigure;

/** The collaborator {@link GreetingPipeline} is injected with. */
record Salutation(String word) {}
