export { RequestsArea } from './RequestsArea';
export { categoryName, choiceText, datatypeLabel, kindLabel, questionText } from './labels';
