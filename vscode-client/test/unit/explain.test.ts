import * as assert from 'assert';
import { explanationName, initialQuery, toItems } from '../../src/explain';

describe('toItems', () => {
  const results = [
    { code: 7700201, kit: 'image', kitName: 'Image Kit', title: 'Unsupported Memory Allocation Type' },
    { code: 62980096, kit: 'image', kitName: 'Image Kit', title: 'Operation Failed' },
  ];

  it('turns search results into always-shown items, best first', () => {
    assert.deepStrictEqual(toItems(results, '7700201'), [
      { label: '7700201', description: 'Image Kit', detail: 'Unsupported Memory Allocation Type', alwaysShow: true, query: '7700201', kit: 'image' },
      { label: '62980096', description: 'Image Kit', detail: 'Operation Failed', alwaysShow: true, query: '62980096', kit: 'image' },
    ]);
  });

  it('offers to explain free text first', () => {
    const items = toItems(results, ' IMAGE_RESULT_BASE + 5 ');
    assert.strictEqual(items.length, 3);
    assert.deepStrictEqual(items[0], { label: '$(search) Explain "IMAGE_RESULT_BASE + 5"', alwaysShow: true, query: 'IMAGE_RESULT_BASE + 5' });
  });

  it('ignores a malformed answer from the server', () => {
    assert.deepStrictEqual(toItems(null, ''), []);
    assert.deepStrictEqual(toItems([{ code: '1' }, 5, null], 'x'), [{ label: '$(search) Explain "x"', alwaysShow: true, query: 'x' }]);
  });
});

describe('initialQuery', () => {
  it('prefers the selection', () => {
    assert.strictEqual(initialQuery(' 62980096 ', 'whatever', 0), '62980096');
  });
  it('takes the number or C name under the cursor', () => {
    const line = '  if (err.code === 7_700_201) { return IMAGE_ALLOC_FAILED; }';
    assert.strictEqual(initialQuery('', line, line.indexOf('7_700') + 3), '7700201');
    assert.strictEqual(initialQuery('', line, line.indexOf('IMAGE') + 2), 'IMAGE_ALLOC_FAILED');
    assert.strictEqual(initialQuery('', 'x = 0x3C10000u;', 6), '0x3C10000');
    assert.strictEqual(initialQuery('', line, 1), '');
  });
  it('ignores a multi-line selection', () => {
    assert.strictEqual(initialQuery('a\nb', 'code 401', 6), '401');
  });
});

describe('explanationName', () => {
  it('names the explanation document', () => {
    assert.strictEqual(explanationName('7700201'), 'Error 7700201.md');
    assert.strictEqual(explanationName('-62980096'), 'Error -62980096.md');
    assert.strictEqual(explanationName('shared memory / 共享内存?'), 'shared memory 共享内存.md');
    assert.strictEqual(explanationName('  '), 'query.md');
  });
});
