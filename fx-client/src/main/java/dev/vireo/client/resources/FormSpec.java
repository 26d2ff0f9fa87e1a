package dev.vireo.client.resources;

import dev.vireo.api.model.Accepted;
import java.util.List;
import java.util.function.Function;

/** What a form action asks and sends: its fields and the request built from their values (off the UI thread). */
public record FormSpec(List<FormField> fields, Function<FormValues, Accepted> submit) {}
