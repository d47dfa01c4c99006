import { describe, expect, it } from 'vitest';
import { API, jobsWorld, ORIGIN } from './jobs-support.js';

const DOCUMENTED_TEXT =
  'We need 5 fluent Spanish speakers to label sentiment in ~20,000 social media posts. Pay per label. Annotators should have prior text-classification experience.';

describe('job drafts from plain text', () => {
  it('extracts what the text says and asks for the rest, in the documented shape', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();

    const draft = await call('POST', `${API}/job-drafts`, {
      token,
      body: { rawJobDescription: DOCUMENTED_TEXT, idempotencyKey: 'sentiment-es-2026-001' },
    });

    expect(draft.status).toBe(201);
    const { jobId } = draft.body;
    expect(jobId).toMatch(/^job_/);
    expect(draft.body).toMatchObject({
      ok: true,
      status: 'DRAFT',
      draftUrl: `${ORIGIN}/job-post?jobId=${jobId}`,
      reviewUrl: `${ORIGIN}/job-post?jobId=${jobId}`,
      validation: { publishReady: false, issueCount: 0, missingFieldCount: 2, issues: [] },
      normalizedFields: {
        jobTitle: 'Spanish Sentiment Labeling',
        paymentType: 'PAY_PER_LABEL',
        languages: ['Spanish'],
        headcount: 5,
        dataVolume: 20000,
        dataVolumeUnit: 'NUMBER_OF_FILES',
        labelTypes: ['Sentiment', 'Classification'],
        dataType: 'Text',
      },
      lowConfidenceFields: ['jobTitle'],
      unmapped: [],
    });
    expect(draft.body.missingFields).toEqual([
      {
        field: 'experienceLevel',
        label: 'Experience level',
        message: 'Experience level is required before publishing.',
        code: 'missing_required_field',
        prompt:
          'ask: What experience level should AI trainers have? (EXPERT, ENTRY_LEVEL, INTERMEDIATE, ANY_EXPERIENCE_LEVEL)',
        type: 'enum',
        enumValues: ['EXPERT', 'ENTRY_LEVEL', 'INTERMEDIATE', 'ANY_EXPERIENCE_LEVEL'],
        updateKeys: ['experienceLevel'],
        example: 'INTERMEDIATE',
        hint: 'Pick the minimum level the work realistically needs.',
      },
      {
        field: 'pricePerLabel',
        label: 'Price per label',
        message: 'A pay rate is required before publishing.',
        code: 'missing_required_field',
        prompt: 'ask: How much will you pay per label (USD)?',
        type: 'number',
        enumValues: null,
        updateKeys: ['pricePerLabel'],
        example: '0.05',
        hint: null,
      },
    ]);
    expect(draft.body.validation.missingFields).toEqual(draft.body.missingFields);
  });

  it('reads hours of audio, fixed prices, word counts, tools, countries and an explicit title line', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    const create = (text: string) => call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: text } });

    const audio = await create('Transcribe and annotate 200 hours of audio. Pay per hour. Must be based in the US.');
    expect(audio.body.normalizedFields).toMatchObject({
      dataVolume: 200,
      dataVolumeUnit: 'HOURS_OF_RECORDING_AUDIO_VIDEO',
      dataType: 'Audio',
      paymentType: 'PAY_PER_HOUR',
      countries: ['US'],
      labelTypes: ['Transcription'],
      jobTitle: 'Audio Transcription',
    });
    expect(audio.body.missingFields.map((entry: { field: string }) => entry.field)).toEqual([
      'headcount',
      'experienceLevel',
      'pricePerHour',
    ]);

    const translation = await create(
      'Fixed price $500 for translating 12,000 words from German to French. Two expert translators needed. We use Label Studio.',
    );
    expect(translation.body.normalizedFields).toMatchObject({
      paymentType: 'FIXED_PRICE',
      fixedPrice: 500,
      dataVolume: 12000,
      dataVolumeUnit: 'NUMBER_OF_WORDS',
      headcount: 2,
      experienceLevel: 'EXPERT',
      languages: ['German', 'French'],
      labelingSoftware: 'Label Studio',
      jobTitle: 'German to French Translation',
    });
    expect(translation.body.validation.publishReady).toBe(true);

    const titled = await create(
      'Medical Dictation QA\nA team of 4 reviews 3,000 clips at $0.40 per clip. Intermediate level.',
    );
    expect(titled.body.normalizedFields).toMatchObject({
      jobTitle: 'Medical Dictation QA',
      headcount: 4,
      pricePerLabel: 0.4,
      dataVolume: 3000,
      experienceLevel: 'INTERMEDIATE',
    });
    expect(titled.body.lowConfidenceFields).toEqual([]);

    const vaguePay = await create('3 annotators to tag 400 images. We pay $25.');
    expect(vaguePay.body.normalizedFields.paymentType).toBeUndefined();
    expect(vaguePay.body.warnings).toEqual([
      'The description mentions $25 but not what it pays for; set paymentType and its rate (pricePerHour, pricePerLabel or fixedPrice).',
    ]);
  });

  it('is filled in with PATCH until it is publish-ready, and a publish then lists it', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    const text = 'We need 3 annotators to draw bounding boxes on 10,000 images. Pay is $25/hour. English required.';
    const draft = await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: text } });
    expect(draft.body.missingFields.map((entry: { field: string }) => entry.field)).toEqual(['experienceLevel']);

    const early = await call('POST', `${API}/jobs/${draft.body.jobId}/publish`, { token });
    expect(early.status).toBe(400);
    expect(early.body.details.validation).toMatchObject({ publishReady: false, missingFieldCount: 1 });
    expect(early.body.details.validation.missingFields[0].field).toBe('experienceLevel');

    const patched = await call('PATCH', `${API}/job-drafts/${draft.body.jobId}`, {
      token,
      body: { experienceLevel: 'ENTRY_LEVEL', jobTitle: 'Dashcam Bounding Boxes' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      ok: true,
      jobId: draft.body.jobId,
      status: 'DRAFT',
      validation: { publishReady: true, issueCount: 0, missingFieldCount: 0, missingFields: [], issues: [] },
      normalizedFields: { experienceLevel: 'ENTRY_LEVEL', jobTitle: 'Dashcam Bounding Boxes', pricePerHour: 25 },
      lowConfidenceFields: [],
    });

    const published = await call('POST', `${API}/jobs/${draft.body.jobId}/publish`, { token });
    expect(published.status).toBe(200);
    expect(published.body).toEqual({
      ok: true,
      jobId: draft.body.jobId,
      status: 'OPEN',
      alreadyPublished: false,
      jobUrl: `${ORIGIN}/jobs/${draft.body.jobId}`,
      publishAttemptId: expect.stringMatching(/^pub_/),
      warnings: ['No countries are set, so AI trainers from any country can apply.'],
      sideEffects: { dispatched: true, status: 'queued' },
    });

    const listed = await call('GET', `${API}/jobs/${draft.body.jobId}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      title: 'Dashcam Bounding Boxes',
      slug: 'dashcam-bounding-boxes',
      companyName: 'Acme Research',
      status: 'OPEN',
      languages: ['English'],
      labelTypes: ['Bounding Boxes'],
      category: 'Image Annotation',
      dataType: 'Image',
      experienceLevel: 'Entry level',
      pay: { paymentType: 'PAY_PER_HOUR', currency: 'USD', hourlyRate: 25, fixedPrice: null, perLabelRate: null },
      url: `${ORIGIN}/jobs/dashcam-bounding-boxes-${draft.body.jobId}`,
      descriptionHtml: `<p>${text}</p>`,
    });

    const stillDraftOnly = await call('PATCH', `${API}/job-drafts/${draft.body.jobId}`, {
      token,
      body: { headcount: 4 },
    });
    expect(stillDraftOnly.status).toBe(409);
    expect(stillDraftOnly.body.details).toEqual({ jobId: draft.body.jobId, status: 'OPEN', requiredStatus: 'DRAFT' });
  });

  it('refuses unknown keys, empty bodies and wrong values, and hides other accounts’ drafts', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    const other = await employer();
    const draft = await call('POST', `${API}/job-drafts`, { token, body: { rawJobDescription: 'Label 500 images.' } });
    const path = `${API}/job-drafts/${draft.body.jobId}`;

    const unknown = await call('PATCH', path, { token, body: { salary: 40, headcount: 2 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('salary');
    expect(unknown.body.details).toMatchObject({
      field: 'salary',
      issues: [{ code: 'unrecognized_keys', keys: ['salary'], path: [] }],
    });

    const empty = await call('PATCH', path, { token, body: {} });
    expect([empty.status, empty.body.details]).toEqual([400, { field: 'body' }]);

    const badEnum = await call('PATCH', path, { token, body: { experienceLevel: 'GURU' } });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.details).toMatchObject({ field: 'experienceLevel' });

    const negative = await call('PATCH', path, { token, body: { paymentType: 'PAY_PER_LABEL', pricePerLabel: -1 } });
    expect(negative.body.validation.issues).toEqual([
      { field: 'pricePerLabel', code: 'invalid_value', message: 'pricePerLabel must be greater than 0 (USD).' },
    ]);

    const foreign = await call('PATCH', path, { token: other.token, body: { headcount: 2 } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.details).toEqual({ resource: 'jobs', jobId: draft.body.jobId });

    const unchanged = await call('PATCH', path, { token, body: { headcount: 2 } });
    expect(unchanged.body.normalizedFields.headcount).toBe(2);
  });

  it('accepts every key the capabilities document advertises', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    const capabilities = await call('GET', `${API}/job-drafts/capabilities`, { token });
    const draft = await call('POST', `${API}/job-drafts`, { token, body: { jobDescription: 'Label 500 images.' } });
    const samples: Record<string, unknown> = {
      dataVolume: 500,
      dataVolumeUnit: 'NUMBER_OF_FILES',
      headcount: 2,
      experienceLevel: 'EXPERT',
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 20,
      pricePerLabel: 0.1,
      fixedPrice: 100,
      countries: ['US'],
      languages: ['English'],
      labelTypes: ['Polygons'],
    };
    const body = Object.fromEntries(
      (capabilities.body.draft.updateKeys as string[]).map((key) => [key, samples[key] ?? `value of ${key}`]),
    );
    const patched = await call('PATCH', `${API}/job-drafts/${draft.body.jobId}`, { token, body });
    expect(patched.status).toBe(200);
    expect(patched.body.validation.publishReady).toBe(true);
  });
});

describe('idempotent draft creation', () => {
  it('returns the existing draft for a repeated key, top-level or inside source', async () => {
    const { call, employer, sandbox } = jobsWorld();
    const { token } = await employer();
    const body = { rawJobDescription: DOCUMENTED_TEXT, idempotencyKey: 'retry-1' };

    const first = await call('POST', `${API}/job-drafts`, { token, body });
    const replay = await call('POST', `${API}/job-drafts`, { token, body });
    expect([first.status, replay.status]).toEqual([201, 200]);
    expect(replay.body.jobId).toBe(first.body.jobId);
    expect(replay.body.warnings).toEqual([]);

    const changed = await call('POST', `${API}/job-drafts`, {
      token,
      body: { rawJobDescription: 'Something else entirely.', idempotencyKey: 'retry-1' },
    });
    expect([changed.status, changed.body.jobId]).toEqual([200, first.body.jobId]);
    expect(changed.body.warnings[0]).toContain('different body');

    const sourceBody = {
      source: {
        type: 'text',
        externalId: 'acme-batch-7',
        idempotencyKey: 'acme-batch-7-v1',
        text: 'Label 500 images.',
      },
    };
    const sourceFirst = await call('POST', `${API}/job-drafts`, { token, body: sourceBody });
    const sourceReplay = await call('POST', `${API}/job-drafts`, { token, body: sourceBody });
    expect([sourceFirst.status, sourceReplay.status]).toEqual([201, 200]);
    expect(sourceReplay.body.jobId).toBe(sourceFirst.body.jobId);
    expect(sandbox.state.jobs[sourceFirst.body.jobId]).toMatchObject({ externalId: 'acme-batch-7' });

    // The same key from another account is that account's own key.
    const other = await employer();
    const foreign = await call('POST', `${API}/job-drafts`, { token: other.token, body });
    expect(foreign.status).toBe(201);
    expect(foreign.body.jobId).not.toBe(first.body.jobId);
    expect(Object.keys(sandbox.state.jobs)).toHaveLength(3);
  });
});

describe('structured imports', () => {
  it('maps the OpenTrain canonical format and reports what it could not place', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    const draft = await call('POST', `${API}/job-drafts`, {
      token,
      body: {
        format: 'opentrain_canonical',
        job: {
          title: 'Spanish Sentiment Labeling',
          description: 'Label the sentiment of 20,000 Spanish social media posts. We need 5 annotators.',
          paymentType: 'PAY_PER_LABEL',
          rateAmount: 0.05,
          languages: ['Spanish'],
          countries: ['Spain', 'MX'],
          labelTypes: ['Sentiment'],
          tools: ['Label Studio'],
          experienceLevel: 'INTERMEDIATE',
          benefits: 'Flexible hours',
        },
        idempotencyKey: 'sentiment-es-2026-002',
      },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.normalizedFields).toMatchObject({
      jobTitle: 'Spanish Sentiment Labeling',
      paymentType: 'PAY_PER_LABEL',
      pricePerLabel: 0.05,
      languages: ['Spanish'],
      countries: ['ES', 'MX'],
      labelTypes: ['Sentiment'],
      labelingSoftware: 'Label Studio',
      experienceLevel: 'INTERMEDIATE',
      headcount: 5,
      dataVolume: 20000,
    });
    expect(draft.body.unmapped).toEqual([
      { path: 'job.benefits', reason: 'No matching job field.', valuePreview: 'Flexible hours' },
    ]);
    expect(draft.body.validation.publishReady).toBe(true);
  });

  it('maps schema.org JobPosting and Indeed XML on a best-effort basis', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    const jsonLd = await call('POST', `${API}/job-drafts`, {
      token,
      body: {
        format: 'schema_org_job_posting',
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'JobPosting',
          title: 'Image Bounding Box Annotator',
          description: '<p>Draw bounding boxes around vehicles in <b>8,000</b> dashcam images.</p>',
          employmentType: 'CONTRACTOR',
          totalJobOpenings: 6,
          baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { value: 16, unitText: 'HOUR' } },
          applicantLocationRequirements: { '@type': 'Country', name: 'India' },
          datePosted: '2026-06-01',
        },
        externalId: 'acme-boxes-3',
      },
    });
    expect(jsonLd.status).toBe(201);
    expect(jsonLd.body.normalizedFields).toMatchObject({
      jobTitle: 'Image Bounding Box Annotator',
      jobDescription: 'Draw bounding boxes around vehicles in 8,000 dashcam images.',
      headcount: 6,
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 16,
      countries: ['IN'],
      dataVolume: 8000,
      labelTypes: ['Bounding Boxes'],
    });
    expect(jsonLd.body.unmapped.map((entry: { path: string }) => entry.path)).toEqual([
      'jsonLd.employmentType',
      'jsonLd.datePosted',
    ]);

    const xml = await call('POST', `${API}/job-drafts`, {
      token,
      body: {
        format: 'indeed_xml',
        xml: '<source><job><title>Audio Transcriber</title><description><![CDATA[Transcribe 40 hours of English podcasts. 2 transcribers.]]></description><salary>$18 per hour</salary><city>Austin</city></job></source>',
      },
    });
    expect(xml.status).toBe(201);
    expect(xml.body.normalizedFields).toMatchObject({
      jobTitle: 'Audio Transcriber',
      jobDescription: 'Transcribe 40 hours of English podcasts. 2 transcribers.',
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 18,
      dataVolume: 40,
      dataVolumeUnit: 'HOURS_OF_RECORDING_AUDIO_VIDEO',
      headcount: 2,
      languages: ['English'],
    });
    expect(xml.body.unmapped).toEqual([
      { path: 'xml.source.job.city', reason: 'No matching job field.', valuePreview: 'Austin' },
    ]);
  });

  it('names the missing payload of a structured source', async () => {
    const { call, employer } = jobsWorld();
    const { token } = await employer();
    const noJob = await call('POST', `${API}/job-drafts`, { token, body: { source: { type: 'opentrain_canonical' } } });
    expect(noJob.status).toBe(400);
    expect(noJob.body.details).toEqual({ field: 'source.job' });

    const notXml = await call('POST', `${API}/job-drafts`, { token, body: { format: 'hr_xml', xml: 'just words' } });
    expect(notXml.status).toBe(400);
    expect(notXml.body.details).toEqual({ field: 'xml' });

    const noText = await call('POST', `${API}/job-drafts`, { token, body: { source: { type: 'text' } } });
    expect([noText.status, noText.body.details]).toEqual([400, { field: 'source.text' }]);
  });
});

describe('draft gates', () => {
  it('needs jobs:write and the drafting feature, and works before the claim', async () => {
    const { call, employer, agent, tokenWith, sandbox } = jobsWorld();
    const unclaimed = await agent();
    const created = await call('POST', `${API}/job-drafts`, {
      token: unclaimed.token,
      body: { rawJobDescription: 'Label 5 images.' },
    });
    expect(created.status).toBe(201);

    const { accountId } = await employer();
    const readOnly = await tokenWith(accountId, ['jobs:read']);
    const noScope = await call('POST', `${API}/job-drafts`, { token: readOnly, body: { rawJobDescription: 'x' } });
    expect(noScope.status).toBe(403);
    expect(noScope.body.details).toEqual({ requiredScopes: ['jobs:write'], grantedScopes: ['jobs:read'] });

    await sandbox.control.setFeatures(accountId, { public_api_job_drafting: false });
    const writer = await tokenWith(accountId, ['jobs:write']);
    const featureOff = await call('POST', `${API}/job-drafts`, { token: writer, body: { rawJobDescription: 'x' } });
    expect(featureOff.status).toBe(403);
    expect(featureOff.body.details).toMatchObject({ featureKey: 'public_api_job_drafting' });
  });
});
