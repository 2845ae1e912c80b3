package com.example.fresh;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A new application: the starter, one pipeline, and nothing configured for Braid. */
@SpringBootApplication
public class FreshApplication {}
