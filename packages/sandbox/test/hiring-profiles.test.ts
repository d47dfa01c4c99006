import { describe, expect, it } from 'vitest';
import { trainerPool } from '../src/state/trainers.js';
import { type HiringWorld, hiringWorld, otherEmployer, publishJob, START, tokenWith } from './hiring-support.js';

/** A named trainer applies to a fresh job through the control plane; returns the proposal id. */
async function applicationFrom(world: HiringWorld, slug: string): Promise<string> {
  const job = await publishJob(world.sandbox, world.accountId);
  const { proposalId } = await world.sandbox.control.applyTrainer({ jobId: job.id, freelancerId: slug });
  return proposalId;
}

const trainer = (world: HiringWorld, slug: string) => {
  const found = trainerPool(world.sandbox.state.seed).find((candidate) => candidate.slug === slug);
  if (!found) throw new Error(`no trainer ${slug}`);
  return found;
};

describe('GET /proposals/{proposalId}', () => {
  it('returns the proposal in depth with a masked candidate and no contact details', async () => {
    const world = await hiringWorld();
    const proposalId = await applicationFrom(world, 'lucia-r');
    const { status, body } = await world.call('GET', `/api/public/v1/proposals/${proposalId}`);

    expect(status).toBe(200);
    const lucia = trainer(world, 'lucia-r');
    expect(body.proposal).toMatchObject({
      id: proposalId,
      jobId: world.sandbox.state.proposals[proposalId]?.jobId,
      createdAt: START,
      status: { raw: 'UNREVIEWED', label: 'Unreviewed' },
      candidate: {
        id: lucia.id,
        profileSlug: 'lucia-r',
        displayName: 'Lucía R.',
        firstName: 'Lucía',
        lastNameInitial: 'R',
        profileTitle: 'Spanish NLP Annotator',
        countryCode: 'ES',
        country: 'Spain',
        talentType: 'FREELANCER',
        reviewCount: lucia.stats.reviewCount,
      },
      aiInterview: { score: body.proposal.metrics.interviewScore, transcriptAvailable: true },
      verification: {
        location: { status: 'PASSED', method: 'GPS', checkedAt: '2026-06-12T09:58:00.000Z' },
        identity: { verified: true },
      },
      openLabel: null,
      contract: null,
    });
    expect(body.proposal.metrics.matchScore).toBeGreaterThan(0.8);
    expect(body.proposal.bid.amountUsd).toBeGreaterThan(0.04);
    const text = JSON.stringify(body);
    expect(text).not.toContain('Romero');
    expect(text).not.toContain('@');
  });

  it("answers 403 for a proposal on another account's job and 404 for none", async () => {
    const world = await hiringWorld();
    const proposalId = await applicationFrom(world, 'kwame-m');
    const stranger = await otherEmployer(world.sandbox);
    for (const path of [`/api/public/v1/proposals/${proposalId}`, `/api/public/v1/proposals/${proposalId}/interview`]) {
      const foreign = await world.call('GET', path, { token: stranger });
      expect(foreign.status).toBe(403);
      expect(foreign.body.error).toBe('This proposal is not on a job you own.');
    }
    const missing = await world.call('GET', '/api/public/v1/proposals/prp_missing');
    expect(missing.status).toBe(404);
    expect(missing.body.details).toEqual({ resource: 'proposals', proposalId: 'prp_missing' });
  });
});

describe('GET /proposals/{proposalId}/interview', () => {
  it('returns the transcript oldest first, with internal markers and contact details removed', async () => {
    const world = await hiringWorld();
    const proposalId = await applicationFrom(world, 'priya-r');
    const { status, body } = await world.call('GET', `/api/public/v1/proposals/${proposalId}/interview`);

    expect(status).toBe(200);
    const { interview } = body;
    expect(interview).toMatchObject({ proposalId, interviewId: expect.stringMatching(/^int_/) });
    expect(interview.messages.map((m: { role: string }) => m.role)).toEqual([
      'interviewer',
      'candidate',
      'interviewer',
      'candidate',
      'interviewer',
      'candidate',
    ]);
    const sentAt = interview.messages.map((m: { sentAt: string }) => m.sentAt);
    expect([...sentAt].sort()).toEqual(sentAt);
    expect(interview.messages[0].content).toBe(
      'Tell me about your experience with work like "Spanish sentiment labeling of social media posts".',
    );
    const transcript = JSON.stringify(interview.messages);
    expect(transcript).not.toContain('[[');
    expect(transcript).not.toContain('@');
    expect(transcript).not.toMatch(/\+44/);
    expect(interview.messages[3].content).toContain('you can reach me at [contact removed] or [contact removed].');

    const detail = (await world.call('GET', `/api/public/v1/proposals/${proposalId}`)).body.proposal;
    expect(detail.aiInterview).toEqual({
      score: interview.score,
      summary: interview.summary,
      transcriptAvailable: true,
    });
  });

  it('reads "Interview completed." for an interview without turns', async () => {
    const world = await hiringWorld();
    const proposalId = await applicationFrom(world, 'aiko-t');
    const { body } = await world.call('GET', `/api/public/v1/proposals/${proposalId}/interview`);
    expect(body.interview.messages).toEqual([
      { id: expect.any(String), role: 'interviewer', content: 'Interview completed.', sentAt: START },
    ]);
  });

  it('answers 404 naming the proposal when no interview was recorded', async () => {
    const world = await hiringWorld();
    const proposalId = await applicationFrom(world, 'jonas-b');
    const detail = (await world.call('GET', `/api/public/v1/proposals/${proposalId}`)).body.proposal;
    expect(detail.aiInterview).toBeNull();
    expect(detail.metrics.interviewScore).toBeNull();

    const missing = await world.call('GET', `/api/public/v1/proposals/${proposalId}/interview`);
    expect(missing.status).toBe(404);
    expect(missing.body.details).toEqual({ proposalId });
  });
});

describe('GET /freelancers/{idOrSlug}', () => {
  it('returns the masked public profile by id or by slug', async () => {
    const world = await hiringWorld();
    const fatima = trainer(world, 'fatima-zahra-e');
    const byId = await world.call('GET', `/api/public/v1/freelancers/${fatima.id}`);
    const bySlug = await world.call('GET', '/api/public/v1/freelancers/Fatima-Zahra-E');

    expect(byId.status).toBe(200);
    expect(bySlug.body).toEqual(byId.body);
    expect(byId.body.freelancer).toMatchObject({
      id: fatima.id,
      profileSlug: 'fatima-zahra-e',
      profilePath: '/profile/fatima-zahra-e',
      displayName: 'Fatima Zahra E.',
      firstName: 'Fatima Zahra',
      lastNameInitial: 'E',
      talentType: 'Individual',
      countryCode: 'MA',
      country: 'Morocco',
      languages: [
        { language: 'Arabic', proficiency: 'NATIVE' },
        { language: 'French', proficiency: 'FLUENT' },
        { language: 'English', proficiency: 'FLUENT' },
      ],
      skills: { dataTypes: ['TEXT', 'IMAGE'], labelTypes: ['CLASSIFICATION'] },
      agency: null,
      workExperience: [],
      education: [],
    });
    const { stats, reviews, labelExperience } = byId.body.freelancer;
    expect(stats.averageRating).toBeGreaterThanOrEqual(4.2);
    expect(reviews).toHaveLength(Math.min(stats.reviewCount, 3));
    expect(labelExperience[0]).toMatchObject({ title: 'Multilingual toxicity set', ongoing: false, toYear: 2024 });
    expect(JSON.stringify(byId.body)).not.toContain('Idrissi');
    expect(JSON.stringify(byId.body)).not.toMatch(/email/i);
  });

  it('says "Freelancer" for a trainer without a name, and shows a newcomer without ratings', async () => {
    const world = await hiringWorld();
    const nameless = trainerPool(world.sandbox.state.seed).find((candidate) => candidate.firstName === '');
    const { body } = await world.call('GET', `/api/public/v1/freelancers/${nameless?.id}`);
    expect(body.freelancer).toMatchObject({ displayName: 'Freelancer', firstName: 'Freelancer', lastNameInitial: '' });
    expect(body.freelancer.profileSlug).toMatch(/^freelancer-/);

    const newcomer = (await world.call('GET', '/api/public/v1/freelancers/diego-f')).body.freelancer;
    expect(newcomer.stats).toEqual({
      totalEarnedUsd: 0,
      billedHours: 0,
      jobSuccessScore: null,
      reviewCount: 0,
      averageRating: null,
    });
    expect(newcomer.reviews).toEqual([]);
  });

  it('answers 404 for an unknown trainer and needs proposals:read', async () => {
    const world = await hiringWorld();
    const missing = await world.call('GET', '/api/public/v1/freelancers/nobody-here');
    expect(missing.status).toBe(404);
    expect(missing.body.details).toEqual({ resource: 'freelancers', idOrSlug: 'nobody-here' });

    const messagesOnly = await tokenWith(world.sandbox, world.accountId, ['messages:read']);
    const scoped = await world.call('GET', '/api/public/v1/freelancers/lucia-r', { token: messagesOnly });
    expect(scoped.status).toBe(403);
    expect(scoped.body.details.requiredScopes).toEqual(['proposals:read']);
  });
});
