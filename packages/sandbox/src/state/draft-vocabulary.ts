/**
 * The words the job description parser knows: languages, countries, label types and labeling tools. Extending a
 * list here teaches the parser (and the structured importers) the new value.
 */

export const KNOWN_LANGUAGES = [
  'English',
  'Spanish',
  'French',
  'German',
  'Italian',
  'Portuguese',
  'Dutch',
  'Russian',
  'Ukrainian',
  'Polish',
  'Czech',
  'Romanian',
  'Hungarian',
  'Greek',
  'Turkish',
  'Swedish',
  'Norwegian',
  'Danish',
  'Finnish',
  'Arabic',
  'Hebrew',
  'Persian',
  'Hindi',
  'Bengali',
  'Urdu',
  'Tamil',
  'Telugu',
  'Mandarin',
  'Cantonese',
  'Chinese',
  'Japanese',
  'Korean',
  'Vietnamese',
  'Thai',
  'Indonesian',
  'Malay',
  'Tagalog',
  'Swahili',
];

/** Country names and the common codes, matched case-sensitively so "us" the pronoun never counts. */
export const COUNTRIES: [RegExp, string][] = [
  [/\b(?:United States|USA|U\.S\.A?\.?|US)\b/, 'US'],
  [/\b(?:United Kingdom|UK|Great Britain)\b/, 'GB'],
  [/\bCanada\b/, 'CA'],
  [/\bMexico\b/, 'MX'],
  [/\bBrazil\b/, 'BR'],
  [/\bArgentina\b/, 'AR'],
  [/\bSpain\b/, 'ES'],
  [/\bFrance\b/, 'FR'],
  [/\bGermany\b/, 'DE'],
  [/\bItaly\b/, 'IT'],
  [/\bPortugal\b/, 'PT'],
  [/\bIndia\b/, 'IN'],
  [/\bPhilippines\b/, 'PH'],
  [/\bKenya\b/, 'KE'],
  [/\bNigeria\b/, 'NG'],
  [/\bSouth Africa\b/, 'ZA'],
  [/\bAustralia\b/, 'AU'],
  [/\bJapan\b/, 'JP'],
];

export interface LabelType {
  name: string;
  /** How a composed title names the work. */
  titleNoun: string;
  pattern: RegExp;
}

export const LABEL_TYPES: LabelType[] = [
  { name: 'Bounding Boxes', titleNoun: 'Bounding Box Annotation', pattern: /\bbounding[- ]box(?:es)?\b/i },
  { name: 'Polygons', titleNoun: 'Polygon Annotation', pattern: /\bpolygons?\b/i },
  { name: 'Segmentation', titleNoun: 'Segmentation', pattern: /\bsegment(?:ation|ing)\b/i },
  { name: 'Keypoints', titleNoun: 'Keypoint Annotation', pattern: /\bkey ?points?\b|\blandmarks?\b/i },
  { name: '3D Cuboids', titleNoun: '3D Cuboid Annotation', pattern: /\bcuboids?\b|\blidar\b/i },
  { name: 'Object Tracking', titleNoun: 'Object Tracking', pattern: /\bobject tracking\b|\btrack(?:ing)? objects\b/i },
  { name: 'Transcription', titleNoun: 'Transcription', pattern: /\btranscri(?:be|bing|ption|ptions)\b/i },
  { name: 'Speaker Diarization', titleNoun: 'Speaker Diarization', pattern: /\bdiari[sz]ation\b/i },
  { name: 'Translation', titleNoun: 'Translation', pattern: /\btranslat(?:e|ing|ion|ions)\b/i },
  { name: 'Sentiment', titleNoun: 'Sentiment Labeling', pattern: /\bsentiment\b/i },
  {
    name: 'Named Entity Recognition',
    titleNoun: 'Entity Labeling',
    pattern: /\bnamed[- ]entit(?:y|ies)\b|\bNER\b|\bentity (?:labeling|tagging|extraction)\b/,
  },
  {
    name: 'Classification',
    titleNoun: 'Classification',
    pattern: /\bclassif(?:y|ying|ication)\b|\bcategori[sz](?:e|ing|ation)\b/i,
  },
  {
    name: 'Response Ranking',
    titleNoun: 'Response Ranking',
    pattern: /\brank(?:ing)? (?:responses|answers|outputs)\b|\bRLHF\b|\bpreference (?:ranking|data|labeling)\b/i,
  },
  { name: 'Summarization', titleNoun: 'Summarization', pattern: /\bsummari[sz](?:e|ing|ation)\b/i },
  { name: 'OCR', titleNoun: 'OCR Labeling', pattern: /\bOCR\b/ },
];

export const LABELING_SOFTWARE = [
  'Label Studio',
  'Labelbox',
  'CVAT',
  'SuperAnnotate',
  'Prodigy',
  'Doccano',
  'Encord',
  'Supervisely',
  'Roboflow',
  'V7',
];
