new WeakRef({}); new FinalizationRegistry(() => {}).register({}, 1)
