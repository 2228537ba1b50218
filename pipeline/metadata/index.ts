/** Submission metadata stage: office gazetteer lookups, letter/minutes/certificate fields, submission metadata. */
export { resolvePlace, lookupGeocode, findPlacesInText, type Place, type PlaceMatch } from './gazetteer.js';
export { findOffice, readOffice, readGeocode, combineOfficeReadings, officeName, type OfficeFinding, type OfficeReading, type OfficeDisagreement } from './office.js';
export { extractLetterFields, parseReferences, type LetterFields, type MemoNumber, type Signatory, type Recipient, type Reference } from './letter.js';
export { extractMinutesFields, type MinutesFields } from './minutes.js';
export { extractCertificateFields, indicatorCodeIn, type CertificateFields } from './certificate.js';
export { extractSubmissionMeta, extractSubmissionMetaDetail, splitBundle, type MetaPage, type BundleSplit, type BundlePart, type SubmissionMetaDetail } from './submission.js';
export { annexFormatOf } from './evidence.js';
