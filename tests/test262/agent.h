/* agent.h: test262's $262.agent for run-test262 (INTERPRETING.md):
 * agents are threads, each with its own runtime, sharing
 * SharedArrayBuffer blocks with the main agent. */
#ifndef T262_AGENT_H
#define T262_AGENT_H

#include "qjs.h"

/* Defines start, broadcast, getReport, sleep and monotonicNow on the
 * main agent's $262.agent object. May collect. */
void t262_agent_install(QJSContext *ctx, QJSValue agent_obj);

/* Ends a test run: wakes agents still waiting for a broadcast, joins
 * every agent thread and drops the reports and the broadcast. An agent
 * blocked for good (a failed test) keeps this from returning; the
 * runner's per-test timeout then replaces the process. */
void t262_agent_finish(void);

#endif
