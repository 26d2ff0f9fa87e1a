package dev.vireo.api.model;

import java.util.List;

/** The verdict: the deciding rule ({@code group#index}) or "default drop", and the evaluation order. */
public record SecurityGroupTestResult(boolean allowed, String decidedBy, List<String> order) {}
