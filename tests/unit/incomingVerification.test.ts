/** An electronic incoming document's PDF is checked on receipt and the result kept with it. */
import { describe, expect, it } from 'vitest';
import { runDemo } from '../support/signing/demo.js';
import { ACTOR, doc, freshServices } from './helpers.js';

describe('electronic incoming documents', () => {
  it('keep the signature check of their PDF made at registration', async () => {
    const { services } = await freshServices({ now: '2026-06-01T09:00:00+07:00' });
    const demo = await runDemo();
    await services.trust.add(demo.rootPem, 'admin');
    const signed = await services.incoming.add(doc({ channel: 'electronic', symbol: '123/QĐ-UBND' }), {
      ...ACTOR,
      attachments: [{ fileName: 'qd-123.pdf', bytes: demo.signed }],
    });
    expect(signed.attachments[0]!.verification).toMatchObject({
      verdict: 'valid',
      modifiedAfterLastSignature: false,
      signatures: [
        { intact: true, chain: 'trusted' },
        { intact: true, chain: 'trusted' },
      ],
    });
    const tampered = Buffer.from(demo.signed);
    const at = Math.floor(tampered.length / 3);
    tampered[at] = tampered[at]! ^ 0xff;
    const bad = await services.incoming.add(doc({ channel: 'electronic', symbol: '124/QĐ-UBND' }), {
      ...ACTOR,
      attachments: [{ fileName: 'qd-124.pdf', bytes: tampered }],
    });
    expect(bad.attachments[0]!.verification!.verdict).toBe('invalid');
    const unsigned = await services.incoming.add(doc({ channel: 'electronic', symbol: '125/QĐ-UBND' }), {
      ...ACTOR,
      attachments: [{ fileName: 'scan.pdf', bytes: demo.unsigned }],
    });
    expect(unsigned.attachments[0]!.verification!.verdict).toBe('unsigned');
    const paper = await services.incoming.add(doc({ symbol: '126/QĐ-UBND' }), {
      ...ACTOR,
      attachments: [{ fileName: 'scan.pdf', bytes: demo.unsigned }],
    });
    expect(paper.attachments[0]!.verification).toBeNull();
    expect((await services.incoming.get(signed.id)).attachments[0]!.verification!.verdict).toBe('valid');
  });
});
