// Parsing of decree- and letter-shaped texts, citations, and the question-side citation parser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { flattenProvisions } from '../services/knowledge/citation-format.js';
import { parseCitation, citationPath } from '../services/knowledge/citation-parser.js';
import { countNodes, parseDocumentText } from '../services/knowledge/document-parser.js';
import { analyze } from '../services/knowledge/vn-analyzer.js';

const FIX = path.join(__dirname, 'fixtures/knowledge');

describe('knowledge: document parser', () => {
  it('parses a decree: chapters, sections, articles, "Điều 5a", an article without clauses, points and "-" items', () => {
    const parsed = parseDocumentText(readFileSync(path.join(FIX, 'nghi-dinh-mau-hop-truc-tuyen.txt'), 'utf8'));
    assert.equal(parsed.shape, 'decree');
    assert.equal(parsed.metadata.code, '99/2099/NĐ-CP');
    assert.equal(parsed.metadata.kind, 'nghi_dinh');
    assert.equal(parsed.metadata.issuedOn, '2099-03-15');
    assert.match(parsed.metadata.title ?? '', /^Quy định về họp trực tuyến/);
    const c = countNodes(parsed.nodes);
    assert.deepEqual([c.chuong, c.muc, c.dieu], [3, 2, 11]);
    const flat = flattenProvisions(parsed.nodes, 'Nghị định 99/2099/NĐ-CP', parsed.shape);
    const byPath = new Map(flat.map((p) => [p.path, p]));
    // Chapters and sections are not part of an article's citation.
    assert.equal(byPath.get('dieu:4/khoan:1/diem:c')?.citation, 'điểm c khoản 1 Điều 4 Nghị định 99/2099/NĐ-CP');
    assert.equal(byPath.get('dieu:4/khoan:1/diem:c/y:2')?.citation, 'gạch đầu dòng thứ hai điểm c khoản 1 Điều 4 Nghị định 99/2099/NĐ-CP');
    assert.equal(byPath.get('dieu:4/khoan:1/diem:c/y:2')?.text, 'Dịch bệnh truyền nhiễm được cơ quan có thẩm quyền công bố.');
    // "Điều 5a." with no clauses keeps its paragraph as its own text.
    const a5a = byPath.get('dieu:5a');
    assert.equal(a5a?.title, 'Họp trực tuyến có thành phần nước ngoài');
    assert.match(a5a?.text ?? '', /^Cuộc họp trực tuyến có cơ quan, tổ chức nước ngoài/);
    assert.equal(flat.filter((p) => p.parentIndex === a5a!.index).length, 0);
    // Points directly under an article (no clause).
    assert.equal(byPath.get('dieu:3/diem:b')?.citation, 'điểm b Điều 3 Nghị định 99/2099/NĐ-CP');
    assert.equal(byPath.get('chuong:II/muc:1')?.title, 'HỌP TRỰC TUYẾN');
    // The signature block and "Nơi nhận" are not provisions.
    assert.ok(!flat.some((p) => /Văn bản mẫu, không gửi/.test(p.text)));
  });

  it('parses a letter: numbered sections, points, "-" items, opening and closing paragraphs', () => {
    const parsed = parseDocumentText(readFileSync(path.join(FIX, 'cong-van-mau-phong-chong-thien-tai.txt'), 'utf8'));
    assert.equal(parsed.shape, 'letter');
    assert.equal(parsed.metadata.code, '123/UBND-VX');
    assert.equal(parsed.metadata.kind, 'cong_van');
    assert.match(parsed.metadata.title ?? '', /^chủ động phòng, chống thiên tai/);
    const flat = flattenProvisions(parsed.nodes, 'Công văn số 123/UBND-VX', parsed.shape);
    const byPath = new Map(flat.map((p) => [p.path, p]));
    assert.equal(byPath.get('muc:1/diem:c')?.citation, 'điểm c mục 1 Công văn số 123/UBND-VX');
    assert.equal(byPath.get('muc:3/y:2')?.citation, 'gạch đầu dòng thứ hai mục 3 Công văn số 123/UBND-VX');
    assert.match(byPath.get('doan:mo-dau')?.text ?? '', /^Để chủ động ứng phó/);
    assert.match(byPath.get('doan:ket')?.text ?? '', /^Trên đây là yêu cầu/);
    // Addressees ("Kính gửi: - ...") are not provisions.
    assert.ok(!flat.some((p) => /Các sở, ban, ngành tỉnh;/.test(p.text)));
  });

  it('parses the province letter (Markdown emphasis, a numberless "Số: /UBND-NC")', () => {
    const parsed = parseDocumentText(
      readFileSync(path.join(__dirname, '../knowledge/sources/cong-van-ubnd-lao-cai-trien-khai-nd73.txt'), 'utf8'),
    );
    assert.equal(parsed.metadata.code, '…/UBND-NC');
    assert.equal(parsed.metadata.kind, 'cong_van');
    const c = countNodes(parsed.nodes);
    assert.deepEqual([c.muc, c.diem, c.y], [2, 8, 7]);
    const flat = flattenProvisions(parsed.nodes, 'Công văn số …/UBND-NC', parsed.shape);
    const b2 = flat.find((p) => p.path === 'muc:2/diem:b');
    assert.match(b2?.text ?? '', /^Làm đầu mối tiếp nhận, tổng hợp kế hoạch đề xuất/);
    assert.equal(flat.find((p) => p.path === 'muc:2')?.text, 'Giao Sở Nội vụ');
  });

  it('keeps "đ)" distinct from "d)" and reads markers without diacritics', () => {
    const text = ['Điều 1. Thử', '1. Khoản một:', 'd) điểm d;', 'đ) điểm đ;', 'e) điểm e.', 'Dieu 2. Khong dau', '1. Khoan mot.'].join(
      '\n',
    );
    const parsed = parseDocumentText(text);
    const flat = flattenProvisions(parsed.nodes, 'Nghị định 1/2000/NĐ-CP', parsed.shape);
    assert.deepEqual(
      flat.filter((p) => p.kind === 'diem').map((p) => p.path),
      ['dieu:1/khoan:1/diem:d', 'dieu:1/khoan:1/diem:đ', 'dieu:1/khoan:1/diem:e'],
    );
    assert.ok(flat.some((p) => p.path === 'dieu:2/khoan:1'));
  });
});

describe('knowledge: question analysis', () => {
  it('parses references to provisions', () => {
    assert.equal(citationPath(parseCitation('Điều 8')), 'dieu:8');
    assert.equal(citationPath(parseCitation('khoản 2 điều 7 quy định gì')), 'dieu:7/khoan:2');
    assert.equal(citationPath(parseCitation('điểm b khoản 2 Điều 7')), 'dieu:7/khoan:2/diem:b');
    assert.equal(citationPath(parseCitation('đ8 k1')), 'dieu:8/khoan:1');
    assert.equal(citationPath(parseCitation('dieu 8')), 'dieu:8');
    assert.equal(citationPath(parseCitation('Điều 5a')), 'dieu:5a');
    assert.equal(citationPath(parseCitation('điểm đ khoản 1 Điều 4')), 'dieu:4/khoan:1/diem:đ');
    assert.equal(citationPath(parseCitation('điểm b mục 2 công văn')), 'muc:2/diem:b');
    // A section of the letter, whose title names the decree: the letter's section.
    const letterSection = parseCitation('Điểm a mục 2 công văn triển khai Nghị định 73 giao việc gì?');
    assert.equal(citationPath(letterSection), 'muc:2/diem:a');
    assert.equal(letterSection.document, 'cv-trien-khai');
    assert.equal(parseCitation('NĐ 73 áp dụng cho ai').document, 'nd73');
    assert.equal(parseCitation('QĐ 32 ban hành khi nào').document, 'qd32');
    assert.equal(citationPath(parseCitation('thời hạn xem xét là bao lâu')), null);
  });

  it('expands abbreviations and folds diacritics', () => {
    assert.deepEqual(analyze('NĐ73').folded, ['nghi', 'dinh', '73']);
    assert.deepEqual(analyze('ND 73').folded, ['nghi', 'dinh', '73']);
    assert.deepEqual(analyze('Sở NV').folded, ['so', 'noi', 'vu']);
    assert.deepEqual(analyze('CBCCVC').folded, ['can', 'bo', 'cong', 'chuc', 'vien', 'chuc']);
    assert.deepEqual(analyze('UBND tỉnh').accented, ['ủy', 'ban', 'nhân', 'dân', 'tỉnh']);
    assert.deepEqual(analyze('07 ngày').folded, ['7', 'ngay']);
    // "từ" is a word, not the abbreviation TU.
    assert.deepEqual(analyze('từ ngày').folded, ['tu', 'ngay']);
  });
});
