package dev.vireo.api.model;

/** Which data an account sees: every region (SYSTEM) or only its authorised regions (REGION). */
public enum AccountScope { SYSTEM, REGION }
