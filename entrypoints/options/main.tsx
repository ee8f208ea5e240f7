import { render } from 'preact';
import { Options } from '@/components/Options';
import '@/components/palette.css';
import './style.css';

render(<Options />, document.getElementById('app')!);
